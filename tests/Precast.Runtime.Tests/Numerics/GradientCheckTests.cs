namespace Precast.Runtime.Tests.Numerics;

/// <summary>The checker itself: it must accept a right gradient and reject a wrong one, naming the index.</summary>
public class GradientCheckTests
{
    private static double Cubic(double[] x) => x[0] * x[0] * x[0] + 2 * x[0] * x[1] + Math.Sin(x[2]);

    private static readonly double[] Point = [0.7, -1.3, 2.1];

    [Fact]
    public void AcceptsTheTrueGradient()
    {
        double[] analytic = [3 * 0.7 * 0.7 + 2 * -1.3, 2 * 0.7, Math.Cos(2.1)];
        GradientCheck.Verify(Cubic, Point, analytic);
    }

    [Fact]
    public void RejectsAWrongGradientAndNamesTheWorstIndex()
    {
        double[] analytic = [3 * 0.7 * 0.7 + 2 * -1.3, 2 * 0.7 + 1e-3, Math.Cos(2.1) + 1e-5];
        var failure = Assert.ThrowsAny<Exception>(() => GradientCheck.Verify(Cubic, Point, analytic));
        Assert.Contains("index 1 of 3 (2 out of tolerance)", failure.Message);
    }

    [Fact]
    public void RejectsNaN()
    {
        double[] analytic = [double.NaN, 2 * 0.7, Math.Cos(2.1)];
        var failure = Assert.ThrowsAny<Exception>(() => GradientCheck.Verify(Cubic, Point, analytic));
        Assert.Contains("index 0 of 3", failure.Message);
    }

    [Fact]
    public void NumericGradientIsAccurate()
    {
        double[] numeric = GradientCheck.Numeric(Cubic, Point);
        Assert.Equal(Math.Cos(2.1), numeric[2], 1e-9);
        Assert.Equal(new[] { 0.7, -1.3, 2.1 }, Point);
    }
}
