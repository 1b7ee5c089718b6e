using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// Gaussian error linear unit, elementwise, in PyTorch's two forms: exact, <c>y = x·Φ(x)</c> with
/// <c>Φ(x) = (1 + erf(x/√2))/2</c> the standard normal CDF; and approximate (PyTorch's
/// <c>approximate="tanh"</c>), <c>y = x·(1 + tanh(u))/2</c> with <c>u = √(2/π)·(x + 0.044715·x³)</c>.
/// </summary>
/// <remarks>
/// The approximate form is computed as <c>x·σ(2u)</c>, the same function since
/// <c>(1 + tanh(u))/2 = σ(2u)</c>, which avoids the cancellation in <c>1 + tanh(u)</c> for negative x.
/// Float is vectorized in both forms (the exact form through <see cref="SpecialFunctions.Erf(float)"/>'s
/// vector evaluation); double's exact form is a scalar loop over <see cref="SpecialFunctions.Erf(double)"/>,
/// which float's exact form also takes (rounding each result) on hardware without SIMD, where the
/// vector evaluation would be emulated.
/// </remarks>
public static class Gelu
{
    private const double InverseSqrt2 = 0.70710678118654752;
    private const double InverseSqrt2Pi = 0.39894228040143268;
    private const double TanhScale = 0.79788456080286536; // √(2/π)
    private const double TanhCubic = 0.044715;

    /// <summary>The GELU of every input. <paramref name="y"/> may be <paramref name="x"/> itself.</summary>
    /// <param name="x">The inputs.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>.</param>
    /// <param name="approximate">Use the tanh approximation instead of the exact erf form.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, bool approximate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(y.Length, x.Length, "Gelu.Forward", nameof(y), nameof(x));
        if (approximate)
        {
            Elementwise.Map(x, y, new ApproximateValue<T>());
        }
        else if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            Elementwise.Map(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), default(ExactSingleValue));
        }
        else
        {
            for (int i = 0; i < x.Length; i++)
            {
                double v = double.CreateTruncating(x[i]);
                y[i] = T.CreateTruncating(v * Cdf(v));
            }
        }
    }

    /// <summary>
    /// <c>dx = dy · dGELU/dx</c>: exact <c>Φ(x) + x·φ(x)</c> with <c>φ</c> the standard normal density;
    /// approximate, the exact derivative of the tanh form (with <paramref name="accumulate"/>,
    /// <c>dx +=</c> that). Without <paramref name="accumulate"/>, <paramref name="dx"/> may be
    /// <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="x">The forward inputs.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <param name="approximate">The form used in the forward pass.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it. With <c>true</c> <paramref name="dx"/> must
    /// not overlap any input.
    /// </param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="accumulate"/> is set and <paramref name="dx"/> overlaps an input.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, bool approximate, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(dy.Length, x.Length, "Gelu.Backward", nameof(dy), nameof(x));
        KernelGuard.SameLength(dx.Length, x.Length, "Gelu.Backward", nameof(dx), nameof(x));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, x, "Gelu.Backward", nameof(dx), nameof(x));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, dy, "Gelu.Backward", nameof(dx), nameof(dy));
        if (approximate)
        {
            Elementwise.Map(x, dy, dx, new ApproximateGradient<T>(), accumulate);
        }
        else if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            Elementwise.Map(
                MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(dy), MemoryMarshal.Cast<T, float>(dx),
                default(ExactSingleGradient), accumulate);
        }
        else
        {
            for (int i = 0; i < x.Length; i++)
            {
                double v = double.CreateTruncating(x[i]);
                double slope = Cdf(v) + v * Math.Exp(-0.5 * v * v) * InverseSqrt2Pi;
                T gradient = dy[i] * T.CreateTruncating(slope);
                dx[i] = accumulate ? dx[i] + gradient : gradient;
            }
        }
    }

    private static double Cdf(double x) => 0.5 * (1 + SpecialFunctions.Erf(x * InverseSqrt2));

    /// <summary>Φ(x) of every lane, <c>(1 + erf(x/√2))/2</c>, and the density φ(x) = <c>e^(−x²/2)/√(2π)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Cdf(Vector<float> x, out Vector<float> density)
    {
        Vector<float> half = Vector.Create(0.5f);
        Vector<float> erf = SpecialFunctions.Erf(x * (float)InverseSqrt2, out Vector<float> gaussian);
        density = gaussian * (float)InverseSqrt2Pi;
        return VectorMath.MultiplyAdd(erf, half, half);
    }

    /// <summary>Exact GELU in float; the scalar form runs the vector form on one lane so both agree exactly.</summary>
    private readonly struct ExactSingleValue : IUnaryOperator<float>
    {
        public float Invoke(float x) => Invoke(Vector.Create(x)).ToScalar();

        public Vector<float> Invoke(Vector<float> x) => x * Cdf(x, out _);
    }

    /// <summary><c>dy · (Φ(x) + x·φ(x))</c> in float.</summary>
    private readonly struct ExactSingleGradient : IBinaryOperator<float>
    {
        public float Invoke(float x, float dy) => Invoke(Vector.Create(x), Vector.Create(dy)).ToScalar();

        public Vector<float> Invoke(Vector<float> x, Vector<float> dy)
        {
            Vector<float> cdf = Cdf(x, out Vector<float> density);
            return dy * VectorMath.MultiplyAdd(x, density, cdf);
        }
    }

    /// <summary>
    /// The tanh form's pieces: <c>2u = 2√(2/π)·x·(1 + 0.044715·x²)</c>, its derivative, and
    /// <c>s = σ(2u)</c>, so that GELU is <c>x·s</c>.
    /// </summary>
    private readonly struct ApproximateValue<T>() : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _twiceScale = T.CreateTruncating(2 * TanhScale);
        private readonly T _cubic = T.CreateTruncating(TanhCubic);
        private readonly T _tripleCubic = T.CreateTruncating(3 * TanhCubic);

        public T Invoke(T x) => x * Gate(x);

        public Vector<T> Invoke(Vector<T> x) => x * Gate(x);

        /// <summary><c>σ(2u)</c>.</summary>
        public T Gate(T x) => T.One / (T.One + T.Exp(-_twiceScale * x * (T.One + _cubic * x * x)));

        /// <summary><c>σ(2u)</c> of every lane.</summary>
        public Vector<T> Gate(Vector<T> x)
        {
            Vector<T> twiceU = x * _twiceScale * VectorMath.MultiplyAdd(x * x, Vector.Create(_cubic), Vector<T>.One);
            return Vector<T>.One / (Vector<T>.One + VectorMath.Exp(-twiceU));
        }

        /// <summary><c>d(2u)/dx = 2√(2/π)·(1 + 3·0.044715·x²)</c>.</summary>
        public T TwiceUSlope(T x) => _twiceScale * (T.One + _tripleCubic * x * x);

        /// <summary><c>d(2u)/dx</c> of every lane.</summary>
        public Vector<T> TwiceUSlope(Vector<T> x)
            => VectorMath.MultiplyAdd(x * x, Vector.Create(_tripleCubic), Vector<T>.One) * _twiceScale;
    }

    /// <summary><c>dy · (s + x·s·(1 − s)·d(2u)/dx)</c>, the derivative of <c>x·σ(2u)</c>.</summary>
    private readonly struct ApproximateGradient<T>() : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ApproximateValue<T> _value = new();

        public T Invoke(T x, T dy)
        {
            T s = _value.Gate(x);
            return dy * (s + x * s * (T.One - s) * _value.TwiceUSlope(x));
        }

        public Vector<T> Invoke(Vector<T> x, Vector<T> dy)
        {
            Vector<T> s = _value.Gate(x);
            return dy * VectorMath.MultiplyAdd(x * s * (Vector<T>.One - s), _value.TwiceUSlope(x), s);
        }
    }
}
