using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// Sums over a span accumulated in double whatever the element type, for the statistics
/// of batch normalization and the means of <see cref="GlobalAvgPool2D"/>: a float sum over
/// 64 × 784 = 50,000 values would lose about four digits, a double one none that matter. The vector
/// path widens each <see cref="Vector{T}"/> of floats into two of doubles (or loads two of doubles)
/// and keeps two accumulators; the scalar path adds one value at a time in double.
/// </summary>
internal static class WideSums
{
    /// <summary><c>Σ x[i]</c>.</summary>
    public static double Sum<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T xRef = ref MemoryMarshal.GetReference(x);
            Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
            for (; i <= x.Length - Step; i += Step)
            {
                Load(ref xRef, i, out Vector<double> a, out Vector<double> b);
                low += a;
                high += b;
            }
            sum = Vector.Sum(low + high);
        }
        for (; i < x.Length; i++)
            sum += double.CreateTruncating(x[i]);
        return sum;
    }

    /// <summary><c>Σ (x[i] − center)²</c>, each difference taken in double.</summary>
    public static double SumOfSquaredDeviations<T>(ReadOnlySpan<T> x, double center)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T xRef = ref MemoryMarshal.GetReference(x);
            Vector<double> c = Vector.Create(center);
            Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
            for (; i <= x.Length - Step; i += Step)
            {
                Load(ref xRef, i, out Vector<double> a, out Vector<double> b);
                a -= c;
                b -= c;
                low = VectorMath.MultiplyAdd(a, a, low);
                high = VectorMath.MultiplyAdd(b, b, high);
            }
            sum = Vector.Sum(low + high);
        }
        for (; i < x.Length; i++)
        {
            double d = double.CreateTruncating(x[i]) - center;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>
    /// <c>Σ dy[i]</c> into <paramref name="sumDy"/> and <c>Σ dy[i] · (x[i] − center)</c> into
    /// <paramref name="sumDyCentered"/>, each added to what the variable holds; the spans have equal lengths.
    /// </summary>
    public static void AddSums<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, double center, ref double sumDy, ref double sumDyCentered)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T dyRef = ref MemoryMarshal.GetReference(dy);
            ref T xRef = ref MemoryMarshal.GetReference(x);
            Vector<double> c = Vector.Create(center);
            Vector<double> plainLow = Vector<double>.Zero, plainHigh = Vector<double>.Zero;
            Vector<double> centeredLow = Vector<double>.Zero, centeredHigh = Vector<double>.Zero;
            for (; i <= dy.Length - Step; i += Step)
            {
                Load(ref dyRef, i, out Vector<double> gLow, out Vector<double> gHigh);
                Load(ref xRef, i, out Vector<double> xLow, out Vector<double> xHigh);
                plainLow += gLow;
                plainHigh += gHigh;
                centeredLow = VectorMath.MultiplyAdd(gLow, xLow - c, centeredLow);
                centeredHigh = VectorMath.MultiplyAdd(gHigh, xHigh - c, centeredHigh);
            }
            sumDy += Vector.Sum(plainLow + plainHigh);
            sumDyCentered += Vector.Sum(centeredLow + centeredHigh);
        }
        for (; i < dy.Length; i++)
        {
            double g = double.CreateTruncating(dy[i]);
            sumDy += g;
            sumDyCentered += g * (double.CreateTruncating(x[i]) - center);
        }
    }

    /// <summary>Values per step of the vector loops: two vectors of doubles, one of floats.</summary>
    private static int Step => 2 * Vector<double>.Count;

    /// <summary>The <see cref="Step"/> values from <paramref name="index"/> on, as two vectors of doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load<T>(ref T origin, int index, out Vector<double> low, out Vector<double> high)
    {
        if (typeof(T) == typeof(float))
        {
            Vector.Widen(Vector.LoadUnsafe(ref Unsafe.As<T, float>(ref origin), (nuint)index), out low, out high);
        }
        else
        {
            ref double start = ref Unsafe.As<T, double>(ref origin);
            low = Vector.LoadUnsafe(ref start, (nuint)index);
            high = Vector.LoadUnsafe(ref start, (nuint)(index + Vector<double>.Count));
        }
    }
}
