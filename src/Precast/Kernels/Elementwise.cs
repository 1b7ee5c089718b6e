using System.Numerics;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// The loops behind the activations: apply an operator to whole vectors, then to the remaining
/// elements one at a time. The operator is a struct type argument, so the JIT inlines it into the
/// loop. Callers check the lengths. The output may be the same memory as an input (in place), since
/// every element is read before it is written; partial overlap is not supported. An accumulating
/// map (<see cref="Accumulate{T}"/>) reads the output too, so its output must not be an input.
/// </summary>
internal static class Elementwise
{
    /// <summary>
    /// <c>y[i] = op(x[i])</c>, through the binary loop with <paramref name="x"/> as both operands (the
    /// unary operators are the costly ones, GELU, where the second load is lost in the arithmetic).
    /// </summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> x, Span<T> y, TOperator op)
        where T : unmanaged, INumberBase<T>
        where TOperator : struct, IUnaryOperator<T>
        => Map<T, FirstOf<T, TOperator>, Overwrite<T>>(x, x, y, new FirstOf<T, TOperator>(op));

    /// <summary><c>y[i] = op(a[i], b[i])</c>.</summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y, TOperator op)
        where T : unmanaged, INumberBase<T>
        where TOperator : struct, IBinaryOperator<T>
        => Map<T, TOperator, Overwrite<T>>(a, b, y, op);

    /// <summary>
    /// <c>y[i] = op(a[i], b[i])</c>, or with <paramref name="accumulate"/> <c>y[i] += op(a[i], b[i])</c>
    /// in the same single pass.
    /// </summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y, TOperator op, bool accumulate)
        where T : unmanaged, INumberBase<T>
        where TOperator : struct, IBinaryOperator<T>
    {
        if (accumulate)
            Map<T, TOperator, Accumulate<T>>(a, b, y, op);
        else
            Map<T, TOperator, Overwrite<T>>(a, b, y, op);
    }

    /// <summary><c>op(a[i], b[i])</c> stored into <c>y[i]</c> as <typeparamref name="TStore"/> says.</summary>
    public static void Map<T, TOperator, TStore>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y, TOperator op)
        where T : unmanaged, INumberBase<T>
        where TOperator : struct, IBinaryOperator<T>
        where TStore : struct, IStore<T>
    {
        ref T aRef = ref MemoryMarshal.GetReference(a);
        ref T bRef = ref MemoryMarshal.GetReference(b);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
                TStore.Store(op.Invoke(Vector.LoadUnsafe(ref aRef, (nuint)i), Vector.LoadUnsafe(ref bRef, (nuint)i)), ref yRef, (nuint)i);
        }
        for (; i < a.Length; i++)
            TStore.Store(op.Invoke(a[i], b[i]), ref yRef, (nuint)i);
    }

    /// <summary><c>y[i] = op(a[i], b[i], c[i])</c>.</summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> y, TOperator op)
        where T : unmanaged
        where TOperator : struct, ITernaryOperator<T>
    {
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T aRef = ref MemoryMarshal.GetReference(a);
            ref T bRef = ref MemoryMarshal.GetReference(b);
            ref T cRef = ref MemoryMarshal.GetReference(c);
            ref T yRef = ref MemoryMarshal.GetReference(y);
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
                op.Invoke(Vector.LoadUnsafe(ref aRef, (nuint)i), Vector.LoadUnsafe(ref bRef, (nuint)i), Vector.LoadUnsafe(ref cRef, (nuint)i))
                    .StoreUnsafe(ref yRef, (nuint)i);
        }
        for (; i < a.Length; i++)
            y[i] = op.Invoke(a[i], b[i], c[i]);
    }

    /// <summary>A unary operator applied to the first of two values.</summary>
    private readonly struct FirstOf<T, TOperator>(TOperator op) : IBinaryOperator<T>
        where TOperator : struct, IUnaryOperator<T>
    {
        public T Invoke(T a, T b) => op.Invoke(a);

        public Vector<T> Invoke(Vector<T> a, Vector<T> b) => op.Invoke(a);
    }
}
