using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Precast.Optimizers;

/// <summary>
/// Runs an optimizer's <see cref="IElementwiseRule"/> over whole buffers, eight values at a time.
/// </summary>
/// <remarks>
/// The last, partial block is copied into a zero-padded stack block, updated by the same vector rule
/// and copied back, so every rule is written once and the tail rounds exactly like the body (a
/// separate scalar tail would be a second copy of each formula, free to drift from the first).
/// </remarks>
internal static class ElementwiseUpdate
{
    /// <summary>Floats in a <see cref="Vector256{T}"/>: 256 bits of 32.</summary>
    private const int Lanes = 8;

    /// <summary>
    /// Applies <paramref name="rule"/> to every value. <paramref name="first"/> and
    /// <paramref name="second"/> are state buffers as long as <paramref name="parameters"/>, or empty
    /// when the optimizer has no such state.
    /// </summary>
    public static void Run<TRule>(TRule rule, Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> first, Span<float> second)
        where TRule : struct, IElementwiseRule
    {
        int count = parameters.Length;
        Debug.Assert(gradients.Length == count);
        Debug.Assert(first.IsEmpty || first.Length == count);
        Debug.Assert(second.IsEmpty || second.Length == count);

        Span<float> scratch = stackalloc float[4 * Lanes];
        scratch.Clear();
        Span<float> tailParameters = scratch[..Lanes];
        Span<float> tailGradients = scratch.Slice(Lanes, Lanes);
        Span<float> tailFirst = scratch.Slice(2 * Lanes, Lanes);
        Span<float> tailSecond = scratch.Slice(3 * Lanes, Lanes);

        // An absent state buffer is pointed at its scratch block with stride 0: the loop stays free of
        // branches and never forms a reference outside live memory.
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float s1 = ref first.IsEmpty ? ref tailFirst[0] : ref MemoryMarshal.GetReference(first);
        ref float s2 = ref second.IsEmpty ? ref tailSecond[0] : ref MemoryMarshal.GetReference(second);
        nuint stride1 = first.IsEmpty ? 0u : 1u;
        nuint stride2 = second.IsEmpty ? 0u : 1u;

        int whole = count - count % Lanes;
        for (nuint i = 0; i < (nuint)whole; i += (nuint)Lanes)
        {
            rule.Apply(
                ref Unsafe.Add(ref p, i),
                in Unsafe.Add(ref g, i),
                ref Unsafe.Add(ref s1, i * stride1),
                ref Unsafe.Add(ref s2, i * stride2));
        }

        if (whole == count)
            return;
        parameters[whole..].CopyTo(tailParameters);
        gradients[whole..].CopyTo(tailGradients);
        if (!first.IsEmpty)
            first[whole..].CopyTo(tailFirst);
        if (!second.IsEmpty)
            second[whole..].CopyTo(tailSecond);
        rule.Apply(ref tailParameters[0], in tailGradients[0], ref tailFirst[0], ref tailSecond[0]);
        int rest = count - whole;
        tailParameters[..rest].CopyTo(parameters[whole..]);
        if (!first.IsEmpty)
            tailFirst[..rest].CopyTo(first[whole..]);
        if (!second.IsEmpty)
            tailSecond[..rest].CopyTo(second[whole..]);
    }
}
