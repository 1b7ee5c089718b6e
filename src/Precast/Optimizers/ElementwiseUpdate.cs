using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Precast.Kernels;

namespace Precast.Optimizers;

/// <summary>
/// Runs an optimizer's <see cref="IElementwiseRule{T}"/> over a contiguous range, after the
/// <see cref="Regularization{T}"/> every optimizer shares: a <see cref="Vector{T}"/> at a time where
/// SIMD is accelerated, then value by value for the rest.
/// </summary>
/// <remarks>
/// The values after the last whole vector go through the same rule instantiated for
/// <see cref="SingleLane{T}"/>, so every rule is written once and the tail rounds exactly like the
/// body (a separate scalar tail would be a second copy of each formula, free to drift from the first).
/// Without SIMD every value takes that path, rather than vectors emulated one element at a time.
/// </remarks>
internal static class ElementwiseUpdate
{
    /// <summary>
    /// Applies <paramref name="penalties"/> and then <paramref name="rule"/> to every value. <paramref name="first"/>,
    /// <paramref name="second"/> and <paramref name="third"/> are state buffers as long as
    /// <paramref name="parameters"/>, or empty when the optimizer has no such state.
    /// </summary>
    // Straight to optimized code: unoptimized, every lane operation of the rule is a call, and the
    // first epoch of the Fashion-MNIST sample trained at a third of the speed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TRule>(Regularization<T> penalties, TRule rule, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> first, Span<T> second, Span<T> third)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRule : struct, IElementwiseRule<T>
    {
        Debug.Assert(gradients.Length == parameters.Length);
        Debug.Assert(first.IsEmpty || first.Length == parameters.Length);
        Debug.Assert(second.IsEmpty || second.Length == parameters.Length);
        Debug.Assert(third.IsEmpty || third.Length == parameters.Length);

        // An absent state buffer is pointed at a scratch block with stride 0: the loops stay free of
        // branches and never form a reference outside live memory.
        Span<T> absent = stackalloc T[Vector<T>.Count];
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        ref T s1 = ref first.IsEmpty ? ref absent[0] : ref MemoryMarshal.GetReference(first);
        ref T s2 = ref second.IsEmpty ? ref absent[0] : ref MemoryMarshal.GetReference(second);
        ref T s3 = ref third.IsEmpty ? ref absent[0] : ref MemoryMarshal.GetReference(third);
        nuint stride1 = first.IsEmpty ? 0u : 1u;
        nuint stride2 = second.IsEmpty ? 0u : 1u;
        nuint stride3 = third.IsEmpty ? 0u : 1u;

        nuint count = (nuint)parameters.Length;
        nuint i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            for (; i + (nuint)VectorLanes<T>.Count <= count; i += (nuint)VectorLanes<T>.Count)
                Update<T, TRule, VectorLanes<T>>(penalties, rule, ref p, ref g, ref s1, ref s2, ref s3, i, stride1, stride2, stride3);
        }
        for (; i < count; i++)
            Update<T, TRule, SingleLane<T>>(penalties, rule, ref p, ref g, ref s1, ref s2, ref s3, i, stride1, stride2, stride3);
    }

    /// <summary>The values at <paramref name="i"/>: load, penalize, update, store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<T, TRule, TLanes>(Regularization<T> penalties, TRule rule, ref T p, ref T g, ref T s1, ref T s2, ref T s3,
        nuint i, nuint stride1, nuint stride2, nuint stride3)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRule : struct, IElementwiseRule<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        ref T parameter = ref Unsafe.Add(ref p, i);
        TLanes value = TLanes.Load(in parameter);
        TLanes gradient = TLanes.Load(in Unsafe.Add(ref g, i));
        penalties.Apply(ref value, ref gradient);
        rule.Apply(value, gradient, ref Unsafe.Add(ref s1, i * stride1), ref Unsafe.Add(ref s2, i * stride2), ref Unsafe.Add(ref s3, i * stride3))
            .Store(ref parameter);
    }
}
