using System.Numerics;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// Sums over a span that TensorPrimitives offers only through a scratch buffer: the losses use these
/// so that computing the loss alone writes nothing and allocates nothing.
/// </summary>
internal static class Reductions
{
    /// <summary><c>Σ e^(x_i − shift)</c>, the normalizer of a softmax whose maximum is <paramref name="shift"/>.</summary>
    public static T SumOfExp<T>(ReadOnlySpan<T> x, T shift)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T xRef = ref MemoryMarshal.GetReference(x);
            Vector<T> shiftVector = Vector.Create(shift);
            Vector<T> lanes = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                lanes += VectorMath.Exp(Vector.LoadUnsafe(ref xRef, (nuint)i) - shiftVector);
            sum = Vector.Sum(lanes);
        }
        for (; i < x.Length; i++)
            sum += T.Exp(x[i] - shift);
        return sum;
    }

    /// <summary><c>Σ (a_i − b_i)²</c>; the spans have equal lengths.</summary>
    public static T SumOfSquaredDifferences<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T aRef = ref MemoryMarshal.GetReference(a);
            ref T bRef = ref MemoryMarshal.GetReference(b);
            Vector<T> lanes = Vector<T>.Zero;
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> difference = Vector.LoadUnsafe(ref aRef, (nuint)i) - Vector.LoadUnsafe(ref bRef, (nuint)i);
                lanes = VectorMath.MultiplyAdd(difference, difference, lanes);
            }
            sum = Vector.Sum(lanes);
        }
        for (; i < a.Length; i++)
        {
            T difference = a[i] - b[i];
            sum += difference * difference;
        }
        return sum;
    }
}
