using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class UpSampling2DTests
{
    [Fact]
    public void FactorTwoDoublesHeightAndWidth()
    {
        var y = new float[16];
        UpSampling2D.Forward<float>([1, 2, 3, 4], y, 1, 1, 2, 2, 2, 2);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, y);
        var dx = new float[4];
        UpSampling2D.Backward<float>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], dx, 1, 1, 2, 2, 2, 2, accumulate: false);
        Assert.Equal(new float[] { 1 + 2 + 5 + 6, 3 + 4 + 7 + 8, 9 + 10 + 13 + 14, 11 + 12 + 15 + 16 }, dx);
    }

    // batch, channels, height, width, factorHeight, factorWidth
    [Theory]
    [InlineData(1, 1, 1, 1, 1, 1)]
    [InlineData(3, 5, 4, 7, 2, 2)]
    [InlineData(2, 9, 3, 5, 1, 3)]
    [InlineData(1, 17, 6, 2, 3, 1)]
    public void ForwardAndBackwardMatchTheReference(int batch, int channels, int height, int width, int factorHeight, int factorWidth)
    {
        Check<float>(batch, channels, height, width, factorHeight, factorWidth);
        Check<double>(batch, channels, height, width, factorHeight, factorWidth);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientMatchesFiniteDifferences(bool accumulate)
    {
        const int Batch = 2, Channels = 3, Height = 3, Width = 4;
        double[] x = TestData.Uniform(Batch * Channels * Height * Width, seed: 1);
        double[] w = TestData.Uniform(x.Length * 6, seed: 2);
        double[] dx = AccumulationCheck.Contribution(accumulate, x.Length,
            dx => UpSampling2D.Backward<double>(w, dx, Batch, Channels, Height, Width, 2, 3, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[w.Length];
            UpSampling2D.Forward<double>(point, y, Batch, Channels, Height, Width, 2, 3);
            return GradientCheck.Weighted(y, w);
        }, x, dx);
    }

    [Fact]
    public void BackwardAccumulates()
    {
        double[] dy = TestData.Uniform(3 * 5 * 8 * 14, seed: 3);
        float[] dyf = TestData.ToSingle(dy);
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(3 * 5 * 4 * 7, (dx, accumulate) => UpSampling2D.Backward<float>(dyf, dx, 3, 5, 4, 7, 2, 2, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(3 * 5 * 4 * 7, (dx, accumulate) => UpSampling2D.Backward<double>(dy, dx, 3, 5, 4, 7, 2, 2, accumulate));
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        var rangeError = Assert.Throws<ArgumentOutOfRangeException>(() => UpSampling2D.Forward<float>(new float[4], new float[4], 1, 1, 2, 2, 0, 1));
        Assert.Equal("factorHeight", rangeError.ParamName);
        var error = Assert.Throws<ArgumentException>(() => UpSampling2D.Backward<float>(new float[15], new float[4], 1, 1, 2, 2, 2, 2, accumulate: false));
        Assert.Equal("dy", error.ParamName);
        Assert.Contains("'dy' has 15 values; expected 16 (batch × channels × (height · factorHeight) × (width · factorWidth) = 1 × 1 × 4 × 4).", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[16 * 8 * 14 * 14];
        var y = new float[16 * 8 * 28 * 28];
        Allocations.AssertNone(() =>
        {
            UpSampling2D.Forward<float>(x, y, 16, 8, 14, 14, 2, 2);
            UpSampling2D.Backward<float>(y, x, 16, 8, 14, 14, 2, 2, accumulate: true);
        }, callsPerRound: 10);
    }

    private static void Check<T>(int batch, int channels, int height, int width, int factorHeight, int factorWidth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planes = batch * channels, outHeight = height * factorHeight, outWidth = width * factorWidth;
        T[] x = TestData.Convert<T>(TestData.Uniform(planes * height * width, seed: 4));
        T[] dy = TestData.Convert<T>(TestData.Uniform(planes * outHeight * outWidth, seed: 5));
        var y = new T[dy.Length];
        UpSampling2D.Forward<T>(x, y, batch, channels, height, width, factorHeight, factorWidth);
        var expectedDx = new double[x.Length];
        for (int p = 0; p < planes; p++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    int source = (p * height + i / factorHeight) * width + j / factorWidth;
                    int o = (p * outHeight + i) * outWidth + j;
                    Assert.Equal(x[source], y[o]);
                    expectedDx[source] += double.CreateTruncating(dy[o]);
                }
            }
        }
        var dx = new T[x.Length];
        UpSampling2D.Backward<T>(dy, dx, batch, channels, height, width, factorHeight, factorWidth, accumulate: false);
        PoolingTests.AssertClose(expectedDx, dx, 8);
    }
}
