using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Kernels;

/// <summary>Special functions .NET does not provide, needed by the kernels (the error function for exact GELU).</summary>
/// <remarks>
/// Both precisions split the range at |x| = 1:
/// <list type="bullet">
/// <item>|x| &lt; 1: <c>erf(x) = x + x·R(x²)</c>, R a polynomial; adding the leading x on its own keeps
/// the result within about half an ulp.</item>
/// <item>|x| ≥ 1: <c>erf(x) = 1 − e^(−x²)·H(t)</c> with <c>t = 1/(1 + |x|/2)</c> and
/// <c>H = erfc(x)·e^(x²)</c>, which behaves like <c>1/(x√π)</c> and so is nearly linear in t; the
/// rounding error of x² is put back through <c>e^(−x²) ≈ e^(−s)(1 − (x² − s))</c>.</item>
/// </list>
/// Every coefficient is a Chebyshev interpolant computed in 60-digit arithmetic by
/// <c>tests/Precast.Runtime.Tests/Numerics/derive_erf_coefficients.py</c>, which documents the degrees
/// and intervals.
/// </remarks>
public static class SpecialFunctions
{
    // The double tables are arrays rather than ReadOnlySpan properties over collection literals:
    // without optimizations (Debug builds) the compiler allocates a new array at every use of such a
    // property, which would break the kernels' zero-allocation guarantee in Debug. The float
    // coefficients are literals in the vector code, where the JIT folds them into the instructions
    // (a loop over a table measured 25% slower in exact GELU).
    // double: R(s) on s in [0, 1], ascending powers.
    private static readonly double[] DoubleSmall =
    [
        0.1283791670955126, -0.3761263890318375, 0.11283791670954879, -0.026866170645076792,
        0.0052239776248180145, -0.000854832698083379, 0.0001205533111164271, -1.4925595266831182e-05,
        1.6461000484121368e-06, -1.6350312701054695e-07, 1.4659775274047436e-08, -1.1372848856791674e-09,
        5.957176147748911e-11,
    ];

    // double: H as Chebyshev coefficients in w = (24t - 11)/5, which maps t in [1/4, 2/3] (x in [1, 6]) to [-1, 1].
    private static readonly double[] DoubleLarge =
    [
        0.24078150322816144, 0.1660357343713446, 0.01937548512710411, 0.0013725838866457216,
        2.3301617872657463e-05, -4.842439456015362e-06, -2.1925049177302584e-07, 2.8603646284729237e-08,
        1.258114961136046e-09, -2.4685801467325007e-10, -2.494144837888484e-12, 2.329500450476122e-12,
        -9.680201775654896e-14, -1.7796924054574097e-14, 2.2446259310401016e-15, 2.910591760598499e-17,
        -2.844672912954679e-17, 2.211859605929501e-18,
    ];

    /// <summary>
    /// The error function <c>erf(x) = 2/√π ∫₀ˣ e^(−t²) dt</c>, to about 1e-16 relative error
    /// (a few ulp). Odd, keeps the sign of zero, and returns NaN for NaN.
    /// </summary>
    /// <param name="x">The argument.</param>
    public static double Erf(double x)
    {
        double ax = Math.Abs(x);
        if (ax < 1)
        {
            double s = x * x;
            double r = 0;
            ReadOnlySpan<double> coefficients = DoubleSmall;
            for (int i = coefficients.Length - 1; i >= 0; i--)
                r = r * s + coefficients[i];
            return x + x * r;
        }
        if (ax < 6)
        {
            double t = 1 / (1 + 0.5 * ax);
            double square = ax * ax;
            double squareError = Math.FusedMultiplyAdd(ax, ax, -square);
            double envelope = Math.Exp(-square) * (1 - squareError);
            return Math.CopySign(1 - envelope * Chebyshev(DoubleLarge, (24 * t - 11) / 5), x);
        }
        // erfc(6) = 2e-17 is below half an ulp of 1.
        return double.IsNaN(x) ? x : Math.CopySign(1.0, x);
    }

    /// <summary>
    /// The error function in single precision, to within 1e-7 absolute error (about one ulp).
    /// Odd, keeps the sign of zero, and returns NaN for NaN.
    /// </summary>
    /// <remarks>
    /// Where SIMD is accelerated this is one lane of the vector formula, so it agrees exactly with
    /// the vector loops that use it. Without SIMD that formula would run in emulated vectors, many
    /// times slower than the double function, whose value rounded to float is at least as accurate.
    /// </remarks>
    /// <param name="x">The argument.</param>
    public static float Erf(float x)
        => Vector.IsHardwareAccelerated ? Erf(Vector.Create(x), out _).ToScalar() : (float)Erf((double)x);

    /// <summary>
    /// The error function of every lane, the formula of <see cref="Erf(float)"/> evaluated without
    /// branches (both ranges, then a select) so vector loops such as GELU's can use it.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <param name="gaussian">Receives <c>e^(−x²)</c>, which the formula computes anyway and GELU's
    /// gradient needs (the normal density is <c>e^(−u²)/√(2π)</c> at <c>u = x/√2</c>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Erf(Vector<float> x, out Vector<float> gaussian)
    {
        Vector<float> one = Vector<float>.One;
        Vector<float> ax = Vector.Abs(x);
        Vector<float> s = ax * ax;

        // R(s) on s in [0, 1] (degree 6, so the last coefficient is 0).
        Vector<float> r = Polynomial(s,
            0.128379166f, -0.37612626f, 0.112835944f, -0.0268542115f, 0.00518908724f, -0.00080168643f, 7.87587487e-05f, 0f);
        Vector<float> small = VectorMath.MultiplyAdd(ax, r, ax);

        Vector<float> t = one / VectorMath.MultiplyAdd(Vector.Create(0.5f), ax, one);
        // H(t) on t in [1/3, 2/3], x in [1, 4].
        Vector<float> h = Polynomial(t,
            -0.000164236393f, 0.285061628f, 0.258751363f, 0.35103032f, -0.110208295f, 0.571265161f, -0.476525277f, 0.120852433f);
        Vector<float> squareError = VectorMath.MultiplyAdd(ax, ax, -s);
        Vector<float> envelope = VectorMath.Exp(-s);
        // Where x² overflows, squareError is infinite or NaN and the envelope 0: keep the 0.
        gaussian = Vector.ConditionalSelect(
            Vector.Equals<float>(envelope, Vector<float>.Zero), envelope, VectorMath.MultiplyAdd(-envelope, squareError, envelope));
        Vector<float> large = VectorMath.MultiplyAdd(-gaussian, h, one);

        // erfc(4) = 1.5e-8 is below half an ulp of 1; beyond 4 (and for infinities) the result is 1.
        Vector<float> magnitude = Vector.ConditionalSelect(
            Vector.LessThan<float>(ax, one), small,
            Vector.ConditionalSelect(Vector.LessThan<float>(ax, Vector.Create(4f)), large, one));
        Vector<float> signed = magnitude | (x & Vector.Create(-0.0f));
        return Vector.ConditionalSelect(Vector.Equals<float>(x, x), signed, x);
    }

    /// <summary>
    /// <c>Σ c_i x^i</c> (i ≤ 7) of every lane, by Horner's rule with fused multiply-adds. Inlined with
    /// literal coefficients, every coefficient becomes a constant operand.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Polynomial(
        Vector<float> x, float c0, float c1, float c2, float c3, float c4, float c5, float c6, float c7)
    {
        Vector<float> sum = VectorMath.MultiplyAdd(Vector.Create(c7), x, Vector.Create(c6));
        sum = VectorMath.MultiplyAdd(sum, x, Vector.Create(c5));
        sum = VectorMath.MultiplyAdd(sum, x, Vector.Create(c4));
        sum = VectorMath.MultiplyAdd(sum, x, Vector.Create(c3));
        sum = VectorMath.MultiplyAdd(sum, x, Vector.Create(c2));
        sum = VectorMath.MultiplyAdd(sum, x, Vector.Create(c1));
        return VectorMath.MultiplyAdd(sum, x, Vector.Create(c0));
    }

    /// <summary>Σ c_j T_j(w) by Clenshaw's recurrence, stable for |w| ≤ 1.</summary>
    private static double Chebyshev(ReadOnlySpan<double> c, double w)
    {
        double next = 0, nextButOne = 0;
        for (int j = c.Length - 1; j >= 1; j--)
        {
            double current = c[j] + 2 * w * next - nextButOne;
            nextButOne = next;
            next = current;
        }
        return c[0] + w * next - nextButOne;
    }
}
