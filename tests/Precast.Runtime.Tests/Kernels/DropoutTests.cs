using Precast.Kernels;

namespace Precast.Runtime.Tests.Kernels;

public class DropoutTests
{
    [Fact]
    public void DropsAboutRateAndScalesTheRest()
    {
        const int Count = 100_001;
        var x = Enumerable.Repeat(2f, Count).ToArray();
        var y = new float[Count];
        var mask = new float[Count];
        var rng = new Rng(3);
        Dropout.Forward<float>(x, y, mask, 0.25f, ref rng);

        int dropped = mask.Count(m => m == 0);
        Assert.All(mask, m => Assert.True(m == 0 || m == 1 / 0.75f, $"mask value {m}"));
        // Binomial(100001, 0.25): standard deviation 137, so ±700 is a five-sigma band.
        Assert.InRange(dropped, 25_000 - 700, 25_000 + 700);
        for (int i = 0; i < Count; i++)
            Assert.Equal(2f * mask[i], y[i]);
        // Inverted dropout keeps the expectation: the mean output is close to the input.
        Assert.Equal(2.0, y.Average(v => (double)v), 0.02);
    }

    [Fact]
    public void SameStateGivesTheSameMask()
    {
        var x = new double[33];
        var first = new double[33];
        var second = new double[33];
        var rng = new Rng(5);
        Rng copy = rng;
        Dropout.Forward<double>(x, x, first, 0.5, ref rng);
        Dropout.Forward<double>(x, x, second, 0.5, ref copy);
        Assert.Equal(first, second);
        Dropout.Forward<double>(x, x, second, 0.5, ref copy);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void RateZeroKeepsEverythingAndDrawsNothing()
    {
        float[] x = [1, -2, 3];
        var y = new float[3];
        var mask = new float[3];
        var rng = new Rng(9);
        Rng before = rng;
        Dropout.Forward<float>(x, y, mask, 0f, ref rng);
        Assert.Equal(new float[] { 1, 1, 1 }, mask);
        Assert.Equal(x, y);
        Assert.Equal(before.NextUInt64(), rng.NextUInt64());
    }

    [Fact]
    public void BackwardAppliesTheMask()
    {
        var dx = new float[3];
        Dropout.Backward<float>([0, 2, 2], [5, 6, 7], dx, accumulate: false);
        Assert.Equal(new float[] { 0, 12, 14 }, dx);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void InvalidRateIsRejected(double rate)
    {
        var rng = new Rng(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Dropout.Forward<double>(new double[2], new double[2], new double[2], rate, ref rng));
        Assert.Equal("rate", error.ParamName);
        Assert.Contains("expected a probability in [0, 1)", error.Message);
    }

    [Fact]
    public void WrongLengthsNameTheArgument()
    {
        var rng = new Rng(1);
        var error = Assert.Throws<ArgumentException>(() =>
            Dropout.Forward<float>(new float[4], new float[4], new float[3], 0.5f, ref rng));
        Assert.Equal("mask", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Dropout.Backward<float>(new float[4], new float[5], new float[4], accumulate: false));
        Assert.Equal("dy", error.ParamName);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[999];
        var mask = new float[999];
        var rng = new Rng(2);
        Allocations.AssertNone(() =>
        {
            Dropout.Forward<float>(x, x, mask, 0.5f, ref rng);
            Dropout.Backward<float>(mask, x, x, accumulate: false);
        });
    }
}
