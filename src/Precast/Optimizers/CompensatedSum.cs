using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Precast.Kernels;

namespace Precast.Optimizers;

/// <summary>
/// Sums of squares and of absolute values in double with a compensation term (Knuth's TwoSum per
/// lane), for gradient norms: the error stays a few units in double's last place whatever the length,
/// where a float running total over a million gradients drifts by 1e-4 relative. Vectorized; floats
/// are widened to double first (their squares are then exact).
/// </summary>
internal static class CompensatedSum
{
    /// <summary>Σ x² in double.</summary>
    public static double OfSquares<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
        => Sum<T, Square>(values);

    /// <summary>Σ |x| in double.</summary>
    public static double OfMagnitudes<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
        => Sum<T, Magnitude>(values);

    /// <summary>Σ |x|^p in double; scalar, since the powers cost far more than the loop.</summary>
    public static double OfPowers<T>(ReadOnlySpan<T> values, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double total = 0, error = 0;
        foreach (T value in values)
            Add(ref total, ref error, Math.Pow(Math.Abs(double.CreateTruncating(value)), p));
        return Finish(total, error);
    }

    /// <summary>What is summed of each value.</summary>
    private interface ITerm
    {
        static abstract Vector<double> Of(Vector<double> x);

        static abstract double Of(double x);
    }

    private readonly struct Square : ITerm
    {
        public static Vector<double> Of(Vector<double> x) => x * x;

        public static double Of(double x) => x * x;
    }

    private readonly struct Magnitude : ITerm
    {
        public static Vector<double> Of(Vector<double> x) => Vector.Abs(x);

        public static double Of(double x) => Math.Abs(x);
    }

    private static double Sum<T, TTerm>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTerm : struct, ITerm
    {
        var sum = Vector<double>.Zero;
        var compensation = Vector<double>.Zero;
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            ref T start = ref MemoryMarshal.GetReference(values);
            for (; i + Vector<T>.Count <= values.Length; i += Vector<T>.Count)
            {
                Vector<T> x = Vector.LoadUnsafe(ref start, (nuint)i);
                if (typeof(T) == typeof(float))
                {
                    Vector<float> single = x.As<T, float>();
                    Add(ref sum, ref compensation, TTerm.Of(Vector.WidenLower(single)));
                    Add(ref sum, ref compensation, TTerm.Of(Vector.WidenUpper(single)));
                }
                else
                {
                    Add(ref sum, ref compensation, TTerm.Of(x.As<T, double>()));
                }
            }
        }
        double total = 0, error = 0;
        for (int lane = 0; lane < Vector<double>.Count; lane++)
        {
            Add(ref total, ref error, sum[lane]);
            error += compensation[lane];
        }
        for (; i < values.Length; i++)
            Add(ref total, ref error, TTerm.Of(double.CreateTruncating(values[i])));
        return Finish(total, error);
    }

    /// <summary>
    /// The compensated total. An infinite or NaN total makes the compensation NaN (∞ − ∞); the total
    /// is then the answer.
    /// </summary>
    private static double Finish(double total, double error) => double.IsFinite(total) ? total + error : total;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref Vector<double> sum, ref Vector<double> compensation, Vector<double> x)
    {
        Vector<double> total = sum + x;
        Vector<double> part = total - sum;
        compensation += (sum - (total - part)) + (x - part);
        sum = total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref double sum, ref double compensation, double x)
    {
        double total = sum + x;
        double part = total - sum;
        compensation += (sum - (total - part)) + (x - part);
        sum = total;
    }
}
