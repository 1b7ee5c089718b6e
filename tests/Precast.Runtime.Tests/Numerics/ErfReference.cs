namespace Precast.Runtime.Tests.Numerics;

/// <summary>
/// An independent, slow reference for erf, by different methods than the implementation under test:
/// the Maclaurin series summed in 28-digit decimal arithmetic for |x| ≤ 3, and the continued fraction
/// for erfc beyond.
/// </summary>
public static class ErfReference
{
    // 2/√π to 29 significant digits (from a 40-digit evaluation).
    private const decimal TwoOverSqrtPi = 1.1283791670955125738961589031m;

    /// <summary>
    /// erf(x) for |x| ≤ 3 by <c>2/√π · Σ (−1)ⁿ x^(2n+1) / (n!·(2n+1))</c> in decimal. The largest term
    /// (near n = 8 at x = 3) is below 200, so the cancellation costs three of decimal's 28 digits and the
    /// result is good to about 1e-25. <paramref name="x"/> must convert to decimal exactly, as the
    /// multiples of 2^-10 used by the tests do.
    /// </summary>
    /// <param name="x">The argument, |x| ≤ 3.</param>
    public static double Series(double x)
    {
        if (Math.Abs(x) > 3)
            throw new ArgumentOutOfRangeException(nameof(x), x, "The series reference covers |x| ≤ 3.");
        decimal v = (decimal)x;
        if ((double)v != x)
            throw new ArgumentException($"{x:R} does not convert to decimal exactly.", nameof(x));
        decimal square = v * v;
        decimal term = v; // x^(2n+1) / n!, with sign
        decimal sum = v;
        for (int n = 1; n < 200 && term != 0; n++)
        {
            term = -term * square / n;
            sum += term / (2 * n + 1);
        }
        return (double)(TwoOverSqrtPi * sum);
    }

    /// <summary>
    /// erf(x) for x ≥ 3 as <c>1 − erfc(x)</c>, with erfc from its continued fraction
    /// <c>e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))</c> evaluated from 300 levels down.
    /// erfc(3) = 2.2e-5, so erfc's relative error of about 1e-15 is far below an ulp of erf.
    /// </summary>
    /// <param name="x">The argument, at least 3.</param>
    public static double ContinuedFraction(double x)
    {
        if (x < 3)
            throw new ArgumentOutOfRangeException(nameof(x), x, "The continued-fraction reference covers x ≥ 3.");
        double f = x;
        for (int n = 300; n >= 1; n--)
            f = x + n / 2.0 / f;
        return 1 - Math.Exp(-x * x) / (Math.Sqrt(Math.PI) * f);
    }
}
