using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(-3.0, -0.9999779095030014)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(1e-10, 1.1283791670955126e-10)]
    public void DoubleKnownValues(double x, double expected)
        => Assert.Equal(expected, SpecialFunctions.Erf(x), Math.Abs(expected) * 1e-15);

    [Fact]
    public void DoubleTailKeepsErfcDigits()
    {
        // erfc(5) = 1.5374597944280349e-12; 1 − erf(5) keeps it to an ulp of 1 (1.1e-16), 1e-4 relative.
        Assert.Equal(1.5374597944280349e-12, 1 - SpecialFunctions.Erf(5.0), 1.5374597944280349e-16);
        Assert.Equal(1.0, SpecialFunctions.Erf(6.0));
        Assert.Equal(-1.0, SpecialFunctions.Erf(-40.0));
    }

    [Fact]
    public void DoubleMatchesSeriesReferenceAcrossTheRange()
    {
        // Multiples of 2^-10 in [−3, 3], which convert to decimal exactly.
        var (worst, at) = Worst(Enumerable.Range(-3072, 6145).Select(i => i / 1024.0), x =>
        {
            double expected = ErfReference.Series(x);
            return x == 0 ? Math.Abs(SpecialFunctions.Erf(x)) : Math.Abs(SpecialFunctions.Erf(x) - expected) / Math.Abs(expected);
        });
        Assert.True(worst <= 1e-15, $"Largest relative error {worst:E3} at x = {at:R}.");
    }

    [Fact]
    public void DoubleMatchesContinuedFractionReferenceInTheTail()
    {
        for (double x = 3; x <= 7; x += 1.0 / 256)
        {
            double expected = ErfReference.ContinuedFraction(x);
            Assert.True(Math.Abs(SpecialFunctions.Erf(x) - expected) <= 2.3e-16, $"erf({x:R}) = {SpecialFunctions.Erf(x):R}, expected {expected:R}.");
            Assert.Equal(-SpecialFunctions.Erf(x), SpecialFunctions.Erf(-x));
        }
    }

    [Fact]
    public void DoubleSpecialArguments()
    {
        Assert.Equal(0.0, SpecialFunctions.Erf(0.0));
        Assert.True(double.IsNegative(SpecialFunctions.Erf(-0.0)));
        Assert.Equal(1.0, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, SpecialFunctions.Erf(double.NegativeInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
    }

    [Theory]
    [InlineData(0.5f, 0.5204998778130465)]
    [InlineData(1f, 0.8427007929497149)]
    [InlineData(2f, 0.9953222650189527)]
    [InlineData(-3f, -0.9999779095030014)]
    public void SingleKnownValues(float x, double expected)
        => Assert.Equal(expected, SpecialFunctions.Erf(x), 1e-7);

    [Fact]
    public void SingleIsWithin1e7OfDoubleEverywhere()
    {
        var (worst, at) = Worst(Enumerable.Range(-8000, 16001).Select(i => (double)(i / 1000f)), x =>
            Math.Abs(SpecialFunctions.Erf((float)x) - SpecialFunctions.Erf(x)));
        Assert.True(worst <= 1e-7, $"Largest absolute error {worst:E3} at x = {at:R}.");
    }

    [Fact]
    public void SingleKeepsRelativeAccuracyNearZero()
    {
        foreach (float x in new[] { 1e-30f, 1e-7f, 1e-3f, 0.3f, -0.7f })
            Assert.Equal(SpecialFunctions.Erf((double)x), SpecialFunctions.Erf(x), Math.Abs(x) * 3e-7);
    }

    [Fact]
    public void SingleSpecialArguments()
    {
        Assert.Equal(0f, SpecialFunctions.Erf(0f));
        Assert.True(float.IsNegative(SpecialFunctions.Erf(-0f)));
        Assert.Equal(1f, SpecialFunctions.Erf(float.PositiveInfinity));
        Assert.Equal(-1f, SpecialFunctions.Erf(float.NegativeInfinity));
        Assert.Equal(1f, SpecialFunctions.Erf(4.5f));
        Assert.True(float.IsNaN(SpecialFunctions.Erf(float.NaN)));
    }

    /// <summary>The largest error over the points, and where it occurs.</summary>
    private static (double Error, double At) Worst(IEnumerable<double> points, Func<double, double> error)
    {
        (double Error, double At) worst = (0, 0);
        foreach (double x in points)
        {
            double e = error(x);
            if (!(e <= worst.Error))
                worst = (e, x);
        }
        return worst;
    }
}
