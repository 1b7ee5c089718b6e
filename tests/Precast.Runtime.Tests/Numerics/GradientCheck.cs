namespace Precast.Runtime.Tests.Numerics;

/// <summary>
/// Compares an analytic gradient with central finite differences, in double precision.
/// </summary>
/// <remarks>
/// The numeric derivative of coordinate i is <c>(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h</c> with
/// <c>h = step · max(1, |xᵢ|)</c>; its error is O(h²) from truncation plus O(ε·|f|/h) from rounding,
/// both near 1e-10 at the default step. Index i passes when
/// <c>|analytic − numeric| ≤ absolute + relative · max(|analytic|, |numeric|)</c>; a failure reports
/// the index that exceeds its tolerance by the largest factor, so the message points at the
/// worst-behaved coordinate rather than the first one.
/// </remarks>
public static class GradientCheck
{
    /// <summary>Default relative tolerance.</summary>
    public const double DefaultRelative = 1e-6;

    /// <summary>Default absolute tolerance.</summary>
    public const double DefaultAbsolute = 1e-8;

    /// <summary>Default step, relative to max(1, |xᵢ|).</summary>
    public const double DefaultStep = 1e-5;

    /// <summary>
    /// Fails the test unless <paramref name="analytic"/> matches the finite-difference gradient of
    /// <paramref name="function"/> at <paramref name="point"/>.
    /// </summary>
    /// <param name="function">The scalar function; it may be called with a modified copy of the point.</param>
    /// <param name="point">Where to differentiate; left unchanged.</param>
    /// <param name="analytic">The gradient under test, one value per coordinate.</param>
    /// <param name="relative">Relative tolerance.</param>
    /// <param name="absolute">Absolute tolerance.</param>
    /// <param name="step">The finite-difference step, relative to max(1, |xᵢ|).</param>
    public static void Verify(
        Func<double[], double> function, double[] point, ReadOnlySpan<double> analytic,
        double relative = DefaultRelative, double absolute = DefaultAbsolute, double step = DefaultStep)
    {
        if (analytic.Length != point.Length)
            Assert.Fail($"The analytic gradient has {analytic.Length} values; the point has {point.Length} coordinates.");

        double[] numeric = Numeric(function, point, step);
        int worst = -1;
        double worstRatio = 1;
        int failures = 0;
        for (int i = 0; i < point.Length; i++)
        {
            double tolerance = absolute + relative * Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric[i]));
            double ratio = Math.Abs(analytic[i] - numeric[i]) / tolerance;
            if (!(ratio <= 1))
            {
                failures++;
                if (worst < 0 || !(ratio <= worstRatio))
                {
                    worst = i;
                    worstRatio = ratio;
                }
            }
        }
        if (worst >= 0)
        {
            double tolerance = absolute + relative * Math.Max(Math.Abs(analytic[worst]), Math.Abs(numeric[worst]));
            Assert.Fail(
                $"Gradient check failed at index {worst} of {point.Length} ({failures} out of tolerance): " +
                $"analytic {analytic[worst]:R}, numeric {numeric[worst]:R}, difference {Math.Abs(analytic[worst] - numeric[worst]):E3} " +
                $"exceeds {tolerance:E3} (x[{worst}] = {point[worst]:R}).");
        }
    }

    /// <summary>The central-difference gradient of <paramref name="function"/> at <paramref name="point"/>.</summary>
    /// <param name="function">The scalar function.</param>
    /// <param name="point">Where to differentiate; left unchanged.</param>
    /// <param name="step">The step, relative to max(1, |xᵢ|).</param>
    public static double[] Numeric(Func<double[], double> function, double[] point, double step = DefaultStep)
    {
        double[] x = (double[])point.Clone();
        double[] gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double h = step * Math.Max(1, Math.Abs(point[i]));
            x[i] = point[i] + h;
            double up = function(x);
            x[i] = point[i] - h;
            double down = function(x);
            x[i] = point[i];
            gradient[i] = (up - down) / (2 * h);
        }
        return gradient;
    }

    /// <summary>
    /// <c>Σ weights[i] · outputs[i]</c>: the scalar whose gradient with respect to a layer's outputs is
    /// <paramref name="weights"/>, so a layer's Backward called with <c>dy = weights</c> must return
    /// this scalar's gradient with respect to the layer's inputs.
    /// </summary>
    /// <param name="outputs">A layer's outputs.</param>
    /// <param name="weights">The upstream gradient.</param>
    public static double Weighted(ReadOnlySpan<double> outputs, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
            sum += outputs[i] * weights[i];
        return sum;
    }
}
