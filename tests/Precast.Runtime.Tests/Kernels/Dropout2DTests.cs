using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class Dropout2DTests
{
    [Fact]
    public void DropsWholeChannelsAtAboutTheRateAndScalesTheRest()
    {
        const int Batch = 50, Channels = 41, Inner = 6;
        var x = Enumerable.Repeat(2f, Batch * Channels * Inner).ToArray();
        var y = new float[x.Length];
        var mask = new float[Batch * Channels];
        var rng = new Rng(3);
        Dropout2D.Forward<float>(x, y, mask, 0.25f, ref rng, Batch, Channels, Inner);

        Assert.All(mask, m => Assert.True(m == 0 || m == 1 / 0.75f, $"mask value {m}"));
        for (int k = 0; k < mask.Length; k++)
        {
            for (int r = 0; r < Inner; r++)
                Assert.Equal(2f * mask[k], y[k * Inner + r]);
        }
        // Binomial(2050, 0.25): standard deviation 19.6, so ±100 is a five-sigma band.
        Assert.InRange(mask.Count(m => m == 0), 512 - 100, 512 + 100);
    }

    [Fact]
    public void TheMaskIsDropoutsMaskOverBatchTimesChannelsValues()
    {
        const int Batch = 3, Channels = 7, Inner = 4;
        var rng = new Rng(11);
        Rng copy = rng;
        var mask = new double[Batch * Channels];
        Dropout2D.Forward<double>(new double[Batch * Channels * Inner], new double[Batch * Channels * Inner], mask, 0.4, ref rng, Batch, Channels, Inner);
        var elementMask = new double[Batch * Channels];
        Dropout.Forward<double>(new double[Batch * Channels], new double[Batch * Channels], elementMask, 0.4, ref copy);
        Assert.Equal(elementMask, mask);
        Assert.Equal(copy.NextUInt64(), rng.NextUInt64());
    }

    [Fact]
    public void RateZeroKeepsEverythingAndDrawsNothing()
    {
        double[] x = TestData.Uniform(2 * 3 * 5, seed: 1);
        var y = new double[x.Length];
        var mask = new double[6];
        var rng = new Rng(9);
        Rng before = rng;
        Dropout2D.Forward<double>(x, y, mask, 0, ref rng, 2, 3, 5);
        Assert.Equal(Enumerable.Repeat(1.0, 6), mask);
        Assert.Equal(x, y);
        Assert.Equal(before.NextUInt64(), rng.NextUInt64());
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 5)]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    public void GradientMatchesFiniteDifferences(bool accumulate, int inner)
    {
        const int Batch = 3, Channels = 4;
        double[] x = TestData.Uniform(Batch * Channels * inner, seed: 2);
        double[] w = TestData.Uniform(x.Length, seed: 3);
        var mask = new double[Batch * Channels];
        var rng = new Rng(4);
        Dropout2D.Forward<double>(x, new double[x.Length], mask, 0.5, ref rng, Batch, Channels, inner);
        Assert.Contains(0.0, mask);
        Assert.Contains(2.0, mask);
        double[] dx = AccumulationCheck.Contribution(accumulate, x.Length, dx => Dropout2D.Backward<double>(mask, w, dx, Batch, Channels, inner, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[point.Length];
            var replay = new Rng(4); // the same mask again
            Dropout2D.Forward<double>(point, y, new double[mask.Length], 0.5, ref replay, Batch, Channels, inner);
            return GradientCheck.Weighted(y, w);
        }, x, dx);
    }

    [Fact]
    public void BackwardAccumulatesAndMayWriteOverDy()
    {
        double[] mask = [0, 2, 2, 0, 2, 0];
        double[] dy = TestData.Uniform(6 * 9, seed: 5);
        float[] maskF = TestData.ToSingle(mask), dyF = TestData.ToSingle(dy);
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(dy.Length, (dx, accumulate) => Dropout2D.Backward<float>(maskF, dyF, dx, 2, 3, 9, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(dy.Length, (dx, accumulate) => Dropout2D.Backward<double>(mask, dy, dx, 2, 3, 9, accumulate));

        var dx = new double[dy.Length];
        Dropout2D.Backward<double>(mask, dy, dx, 2, 3, 9, accumulate: false);
        double[] inPlace = (double[])dy.Clone();
        Dropout2D.Backward<double>(mask, inPlace, inPlace, 2, 3, 9, accumulate: false);
        Assert.Equal(dx, inPlace);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void InvalidRateIsRejected(double rate)
    {
        var rng = new Rng(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Dropout2D.Forward<double>(new double[4], new double[4], new double[2], rate, ref rng, 1, 2, 2));
        Assert.Equal("rate", error.ParamName);
        Assert.Contains("Dropout2D.Forward: 'rate' is", error.Message);
        Assert.Contains("expected a probability in [0, 1)", error.Message);
    }

    [Fact]
    public void WrongLengthsNameTheArgument()
    {
        var rng = new Rng(1);
        var error = Assert.Throws<ArgumentException>(() =>
            Dropout2D.Forward<float>(new float[12], new float[12], new float[5], 0.5f, ref rng, 2, 3, 2));
        Assert.Equal("mask", error.ParamName);
        Assert.Contains("Dropout2D.Forward: 'mask' has 5 values; expected 6 (batch × channels = 2 × 3).", error.Message);
        error = Assert.Throws<ArgumentException>(() => Dropout2D.Backward<float>(new float[6], new float[12], new float[11], 2, 3, 2, accumulate: false));
        Assert.Equal("dx", error.ParamName);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[16 * 32 * 49];
        var mask = new float[16 * 32];
        var rng = new Rng(2);
        Allocations.AssertNone(() =>
        {
            Dropout2D.Forward<float>(x, x, mask, 0.5f, ref rng, 16, 32, 49);
            Dropout2D.Backward<float>(mask, x, x, 16, 32, 49, accumulate: false);
        });
    }
}
