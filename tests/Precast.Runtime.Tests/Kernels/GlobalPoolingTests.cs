using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class GlobalPoolingTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(2, 17, 49)]
    [InlineData(1, 3, 1000)]
    public void ForwardAndBackwardMatchTheReference(int batch, int channels, int inner)
    {
        Check<float>(batch, channels, inner);
        Check<double>(batch, channels, inner);
    }

    [Fact]
    public void MaxRoutesToTheFirstMaximumAsMaxPoolWithAFullWindow()
    {
        // Two maps of 2 × 3: ties at 4 (first at index 1) and a NaN map (the last NaN wins).
        double[] x = [1, 4, 4, 0, 4, 2, double.NaN, 1, double.NaN, 2, 3, 0];
        var y = new double[2];
        GlobalMaxPool2D.Forward<double>(x, y, 1, 2, 6);
        Assert.Equal(4, y[0]);
        Assert.True(double.IsNaN(y[1]));
        var dx = new double[12];
        GlobalMaxPool2D.Backward<double>(x, [5, 7], dx, 1, 2, 6, accumulate: false);
        Assert.Equal(new double[] { 0, 5, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0 }, dx);

        var full = new double[12];
        MaxPool2D.Backward<double>(x, [5, 7], full, new Pool2DGeometry(2, 2, 3, 1, 1, 2, 3, 1, 1, 0, 0), 1, accumulate: false);
        Assert.Equal(full, dx);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsMatchFiniteDifferences(bool accumulate)
    {
        const int Batch = 3, Channels = 4, Inner = 6;
        double[] x = PoolingTests.Distinct(Batch * Channels * Inner, seed: 1);
        double[] w = TestData.Uniform(Batch * Channels, seed: 2);
        double[] dxMax = AccumulationCheck.Contribution(accumulate, x.Length, dx => GlobalMaxPool2D.Backward<double>(x, w, dx, Batch, Channels, Inner, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[w.Length];
            GlobalMaxPool2D.Forward<double>(point, y, Batch, Channels, Inner);
            return GradientCheck.Weighted(y, w);
        }, x, dxMax);
        double[] dxAvg = AccumulationCheck.Contribution(accumulate, x.Length, dx => GlobalAvgPool2D.Backward<double>(w, dx, Batch, Channels, Inner, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[w.Length];
            GlobalAvgPool2D.Forward<double>(point, y, Batch, Channels, Inner);
            return GradientCheck.Weighted(y, w);
        }, x, dxAvg);
    }

    [Fact]
    public void BackwardAccumulates()
    {
        double[] x = TestData.Uniform(3 * 5 * 7, seed: 3);
        double[] dy = TestData.Uniform(3 * 5, seed: 4);
        float[] xf = TestData.ToSingle(x), dyf = TestData.ToSingle(dy);
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(x.Length, (dx, accumulate) => GlobalMaxPool2D.Backward<float>(xf, dyf, dx, 3, 5, 7, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(x.Length, (dx, accumulate) => GlobalMaxPool2D.Backward<double>(x, dy, dx, 3, 5, 7, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(x.Length, (dx, accumulate) => GlobalAvgPool2D.Backward<float>(dyf, dx, 3, 5, 7, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(x.Length, (dx, accumulate) => GlobalAvgPool2D.Backward<double>(dy, dx, 3, 5, 7, accumulate));
    }

    [Fact]
    public void AverageOfALongMapIsAccurateInFloat()
    {
        // 50,000 values near 100: a float running sum would be off in the fourth digit.
        float[] x = TestData.ToSingle(TestData.Uniform(50_000, seed: 5)).Select(v => 100 + v).ToArray();
        var y = new float[1];
        GlobalAvgPool2D.Forward<float>(x, y, 1, 1, x.Length);
        double exact = x.Sum(v => (double)v) / x.Length;
        Assert.InRange(y[0], exact - 8e-6, exact + 8e-6); // within one float step at 100
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => GlobalAvgPool2D.Forward<float>(new float[24], new float[5], 2, 3, 4));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("GlobalAvgPool2D.Forward: 'y' has 5 values; expected 6 (batch × channels = 2 × 3).", error.Message);
        var rangeError = Assert.Throws<ArgumentOutOfRangeException>(() => GlobalMaxPool2D.Forward<float>([], [], 2, 3, 0));
        Assert.Equal("inner", rangeError.ParamName);
        error = Assert.Throws<ArgumentException>(() => GlobalMaxPool2D.Backward<float>(new float[24], new float[6], new float[23], 2, 3, 4, accumulate: false));
        Assert.Equal("dx", error.ParamName);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[16 * 32 * 49];
        var y = new float[16 * 32];
        var dx = new float[x.Length];
        Allocations.AssertNone(() =>
        {
            GlobalAvgPool2D.Forward<float>(x, y, 16, 32, 49);
            GlobalAvgPool2D.Backward<float>(y, dx, 16, 32, 49, accumulate: true);
            GlobalMaxPool2D.Forward<float>(x, y, 16, 32, 49);
            GlobalMaxPool2D.Backward<float>(x, y, dx, 16, 32, 49, accumulate: false);
        });
    }

    private static void Check<T>(int batch, int channels, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = TestData.Convert<T>(TestData.Uniform(batch * channels * inner, seed: 6, scale: 4));
        T[] dy = TestData.Convert<T>(TestData.Uniform(batch * channels, seed: 7));
        var expectedMax = new double[batch * channels];
        var expectedAvg = new double[batch * channels];
        var expectedMaxDx = new double[x.Length];
        var expectedAvgDx = new double[x.Length];
        for (int k = 0; k < batch * channels; k++)
        {
            double[] map = Enumerable.Range(0, inner).Select(r => double.CreateTruncating(x[k * inner + r])).ToArray();
            expectedMax[k] = map.Max();
            expectedAvg[k] = map.Sum() / inner;
            expectedMaxDx[k * inner + Array.IndexOf(map, map.Max())] = double.CreateTruncating(dy[k]);
            for (int r = 0; r < inner; r++)
                expectedAvgDx[k * inner + r] = double.CreateTruncating(dy[k]) / inner;
        }

        var y = new T[batch * channels];
        var dx = new T[x.Length];
        GlobalMaxPool2D.Forward<T>(x, y, batch, channels, inner);
        PoolingTests.AssertClose(expectedMax, y, 0);
        GlobalMaxPool2D.Backward<T>(x, dy, dx, batch, channels, inner, accumulate: false);
        PoolingTests.AssertClose(expectedMaxDx, dx, 0);
        GlobalAvgPool2D.Forward<T>(x, y, batch, channels, inner);
        PoolingTests.AssertClose(expectedAvg, y, 4);
        GlobalAvgPool2D.Backward<T>(dy, dx, batch, channels, inner, accumulate: false);
        PoolingTests.AssertClose(expectedAvgDx, dx, 4);
    }
}
