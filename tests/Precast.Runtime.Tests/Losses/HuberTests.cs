using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

public class HuberTests
{
    [Fact]
    public void WorkedValue()
    {
        // δ = 1, differences [0.5, −2, 0, 3]: terms ½·0.25 = 0.125, 1·(2 − ½) = 1.5, 0, 1·(3 − ½) = 2.5;
        // mean 4.125/4 = 1.03125. Gradient clamp(d, −1, 1)/4.
        var gradient = new float[4];
        float loss = Huber.Compute<float>([2.5f, 0, 5, 3], [2, 2, 5, 0], gradient, delta: 1);
        Assert.Equal(1.03125f, loss);
        Assert.Equal(new[] { 0.125f, -0.25f, 0f, 0.25f }, gradient);
    }

    [Fact]
    public void AtDeltaTheTwoPiecesMeet()
    {
        // |d| = δ takes the linear piece, δ·(δ − ½δ) = ½δ², which is also the quadratic piece's value there.
        var gradient = new double[2];
        double loss = Huber.Compute<double>([2.5, -2.5], [0, 0], gradient, delta: 2.5);
        Assert.Equal(0.5 * 2.5 * 2.5, loss);
        Assert.Equal(new[] { 2.5 / 2, -2.5 / 2 }, gradient);
    }

    [Fact]
    public void AWideDeltaIsHalfTheSquaredErrorAndANarrowOneTendsToDeltaTimesTheAbsoluteError()
    {
        double[] outputs = TestData.Uniform(37, seed: 81, scale: 3);
        double[] targets = TestData.Uniform(37, seed: 82, scale: 3);
        Assert.Equal(0.5 * MeanSquaredError.Compute<double>(outputs, targets, []), Huber.Compute<double>(outputs, targets, [], delta: 100), 1e-14);
        double delta = 1e-9;
        Assert.Equal(delta * MeanAbsoluteError.Compute<double>(outputs, targets, []), Huber.Compute<double>(outputs, targets, [], delta), 1e-17);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    public void GradientMatchesFiniteDifferences(double delta)
    {
        double[] outputs = TestData.Uniform(29, seed: 83, scale: 2);
        double[] targets = TestData.Uniform(29, seed: 84, scale: 2);
        var gradient = new double[29];
        Huber.Compute<double>(outputs, targets, gradient, delta);
        Assert.Contains(gradient, g => Math.Abs(g) * 29 < delta * 0.99);
        Assert.Contains(gradient, g => Math.Abs(g) * 29 == delta);
        GradientCheck.Verify(x => Huber.Compute<double>(x, targets, [], delta), outputs, gradient);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void DeltaMustBePositiveAndFinite(double delta, string shown)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Huber.Compute<double>(new double[4], new double[4], [], delta));
        Assert.Equal("delta", error.ParamName);
        Assert.Contains($"Huber.Compute: delta is {shown}; expected a positive finite threshold, such as 1.", error.Message);
    }
}
