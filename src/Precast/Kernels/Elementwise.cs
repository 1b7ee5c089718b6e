using System.Numerics;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// The loops behind the activations: apply an operator to whole vectors, then to the remaining
/// elements one at a time. The operator is a struct type argument, so the JIT inlines it into the
/// loop. Callers check the lengths. The output may be the same memory as an input (in place), since
/// every element is read before it is written; partial overlap is not supported.
/// </summary>
internal static class Elementwise
{
    /// <summary><c>y[i] = op(x[i])</c>.</summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> x, Span<T> y, TOperator op)
        where T : unmanaged
        where TOperator : struct, IUnaryOperator<T>
    {
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T xRef = ref MemoryMarshal.GetReference(x);
            ref T yRef = ref MemoryMarshal.GetReference(y);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                op.Invoke(Vector.LoadUnsafe(ref xRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
        }
        for (; i < x.Length; i++)
            y[i] = op.Invoke(x[i]);
    }

    /// <summary><c>y[i] = op(a[i], b[i])</c>.</summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y, TOperator op)
        where T : unmanaged
        where TOperator : struct, IBinaryOperator<T>
    {
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T aRef = ref MemoryMarshal.GetReference(a);
            ref T bRef = ref MemoryMarshal.GetReference(b);
            ref T yRef = ref MemoryMarshal.GetReference(y);
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
                op.Invoke(Vector.LoadUnsafe(ref aRef, (nuint)i), Vector.LoadUnsafe(ref bRef, (nuint)i))
                    .StoreUnsafe(ref yRef, (nuint)i);
        }
        for (; i < a.Length; i++)
            y[i] = op.Invoke(a[i], b[i]);
    }
}
