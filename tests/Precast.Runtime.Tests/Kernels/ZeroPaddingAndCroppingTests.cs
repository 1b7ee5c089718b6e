using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class ZeroPaddingAndCroppingTests
{
    [Fact]
    public void PaddingTwoOfA32By32By3ImageGives36By36By3()
    {
        float[] x = TestData.ToSingle(TestData.Uniform(3 * 32 * 32, seed: 1));
        var y = new float[3 * 36 * 36];
        y.AsSpan().Fill(float.NaN); // every value must be written
        ZeroPadding2D.Forward<float>(x, y, 1, 3, 32, 32, 2, 2, 2, 2);
        for (int c = 0; c < 3; c++)
        {
            for (int h = 0; h < 36; h++)
            {
                for (int w = 0; w < 36; w++)
                {
                    bool inside = h >= 2 && h < 34 && w >= 2 && w < 34;
                    Assert.Equal(inside ? x[(c * 32 + h - 2) * 32 + w - 2] : 0f, y[(c * 36 + h) * 36 + w]);
                }
            }
        }
    }

    [Fact]
    public void SmallExampleByHand()
    {
        // One 2 × 2 map padded (top 1, bottom 0, left 0, right 2), then cropped back.
        var y = new double[3 * 4];
        ZeroPadding2D.Forward<double>([1, 2, 3, 4], y, 1, 1, 2, 2, 1, 0, 0, 2);
        Assert.Equal(new double[] { 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0 }, y);
        var back = new double[4];
        Cropping2D.Forward<double>(y, back, 1, 1, 3, 4, 1, 0, 0, 2);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, back);
    }

    // batch, channels, height, width, top, bottom, left, right
    [Theory]
    [InlineData(1, 1, 1, 1, 0, 0, 0, 0)]
    [InlineData(3, 5, 4, 7, 1, 2, 3, 0)]
    [InlineData(2, 9, 6, 3, 0, 3, 1, 1)]
    [InlineData(1, 17, 5, 5, 2, 2, 2, 2)]
    public void ForwardAndBackwardMatchTheReference(int batch, int channels, int height, int width, int top, int bottom, int left, int right)
    {
        Check<float>(batch, channels, height, width, top, bottom, left, right);
        Check<double>(batch, channels, height, width, top, bottom, left, right);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsMatchFiniteDifferences(bool accumulate)
    {
        const int Batch = 2, Channels = 3, Height = 4, Width = 5;
        double[] x = TestData.Uniform(Batch * Channels * Height * Width, seed: 2);
        double[] wPadded = TestData.Uniform(Batch * Channels * 7 * 6, seed: 3);
        double[] dx = AccumulationCheck.Contribution(accumulate, x.Length,
            dx => ZeroPadding2D.Backward<double>(wPadded, dx, Batch, Channels, Height, Width, 2, 1, 0, 1, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[wPadded.Length];
            ZeroPadding2D.Forward<double>(point, y, Batch, Channels, Height, Width, 2, 1, 0, 1);
            return GradientCheck.Weighted(y, wPadded);
        }, x, dx);

        double[] wCropped = TestData.Uniform(Batch * Channels * 1 * 3, seed: 4);
        dx = AccumulationCheck.Contribution(accumulate, x.Length,
            dx => Cropping2D.Backward<double>(wCropped, dx, Batch, Channels, Height, Width, 2, 1, 0, 2, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[wCropped.Length];
            Cropping2D.Forward<double>(point, y, Batch, Channels, Height, Width, 2, 1, 0, 2);
            return GradientCheck.Weighted(y, wCropped);
        }, x, dx);
    }

    [Fact]
    public void BackwardAccumulates()
    {
        double[] padded = TestData.Uniform(3 * 5 * 7 * 10, seed: 5);
        double[] cropped = TestData.Uniform(3 * 5 * 1 * 3, seed: 6);
        float[] paddedF = TestData.ToSingle(padded), croppedF = TestData.ToSingle(cropped);
        const int Length = 3 * 5 * 4 * 7;
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(Length, (dx, accumulate) => ZeroPadding2D.Backward<float>(paddedF, dx, 3, 5, 4, 7, 1, 2, 3, 0, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(Length, (dx, accumulate) => ZeroPadding2D.Backward<double>(padded, dx, 3, 5, 4, 7, 1, 2, 3, 0, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(Length, (dx, accumulate) => Cropping2D.Backward<float>(croppedF, dx, 3, 5, 4, 7, 1, 2, 3, 1, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(Length, (dx, accumulate) => Cropping2D.Backward<double>(cropped, dx, 3, 5, 4, 7, 1, 2, 3, 1, accumulate));
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => ZeroPadding2D.Forward<float>(new float[12], new float[41], 1, 3, 2, 2, 1, 1, 1, 1));
        Assert.Equal("y", error.ParamName);
        Assert.Contains(
            "ZeroPadding2D.Forward: 'y' has 41 values; expected 48 (batch × channels × (height + top + bottom) × (width + left + right) = 1 × 3 × 4 × 4).",
            error.Message);
        var rangeError = Assert.Throws<ArgumentOutOfRangeException>(() => Cropping2D.Forward<float>(new float[16], new float[0], 1, 1, 4, 4, 3, 2, 0, 0));
        Assert.Equal("top", rangeError.ParamName);
        Assert.Contains("Cropping2D.Forward: 'top' + 'bottom' is 3 + 2 = 5; expected at most 'height' = 4.", rangeError.Message);
        rangeError = Assert.Throws<ArgumentOutOfRangeException>(() => ZeroPadding2D.Backward<float>(new float[16], new float[16], 1, 1, 4, 4, 0, 0, -1, 1, accumulate: false));
        Assert.Equal("left", rangeError.ParamName);
        var buffer = new float[100];
        error = Assert.Throws<ArgumentException>(() => Cropping2D.Backward<float>(buffer.AsSpan(0, 4), buffer.AsSpan(2, 16), 1, 1, 4, 4, 1, 1, 1, 1, accumulate: false));
        Assert.Equal("dx", error.ParamName);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[16 * 3 * 32 * 32];
        var y = new float[16 * 3 * 36 * 36];
        Allocations.AssertNone(() =>
        {
            ZeroPadding2D.Forward<float>(x, y, 16, 3, 32, 32, 2, 2, 2, 2);
            ZeroPadding2D.Backward<float>(y, x, 16, 3, 32, 32, 2, 2, 2, 2, accumulate: true);
            Cropping2D.Forward<float>(y, x, 16, 3, 36, 36, 1, 3, 2, 2);
            Cropping2D.Backward<float>(x, y, 16, 3, 36, 36, 1, 3, 2, 2, accumulate: false);
        }, callsPerRound: 10);
    }

    /// <summary>Pads and crops by index arithmetic on every value, forward and backward, overwriting and accumulating.</summary>
    private static void Check<T>(int batch, int channels, int height, int width, int top, int bottom, int left, int right)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planes = batch * channels;
        int paddedHeight = top + height + bottom, paddedWidth = left + width + right;
        int croppedHeight = height - Math.Min(height, top + bottom), croppedWidth = width - Math.Min(width, left + right);
        bool canCrop = top + bottom <= height && left + right <= width;
        T[] x = TestData.Convert<T>(TestData.Uniform(planes * height * width, seed: 7));
        T[] dyPadded = TestData.Convert<T>(TestData.Uniform(planes * paddedHeight * paddedWidth, seed: 8));

        var y = new T[dyPadded.Length];
        ZeroPadding2D.Forward<T>(x, y, batch, channels, height, width, top, bottom, left, right);
        var dx = new T[x.Length];
        ZeroPadding2D.Backward<T>(dyPadded, dx, batch, channels, height, width, top, bottom, left, right, accumulate: false);
        for (int p = 0; p < planes; p++)
        {
            for (int h = 0; h < paddedHeight; h++)
            {
                for (int w = 0; w < paddedWidth; w++)
                {
                    int ih = h - top, iw = w - left;
                    bool inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                    int o = (p * paddedHeight + h) * paddedWidth + w;
                    Assert.Equal(inside ? x[(p * height + ih) * width + iw] : T.Zero, y[o]);
                    if (inside)
                        Assert.Equal(dyPadded[o], dx[(p * height + ih) * width + iw]);
                }
            }
        }

        if (!canCrop)
            return;
        var cropped = new T[planes * croppedHeight * croppedWidth];
        Cropping2D.Forward<T>(x, cropped, batch, channels, height, width, top, bottom, left, right);
        var dxCropped = new T[x.Length];
        Cropping2D.Backward<T>(cropped, dxCropped, batch, channels, height, width, top, bottom, left, right, accumulate: false);
        for (int p = 0; p < planes; p++)
        {
            for (int h = 0; h < height; h++)
            {
                for (int w = 0; w < width; w++)
                {
                    int ch = h - top, cw = w - left;
                    bool kept = ch >= 0 && ch < croppedHeight && cw >= 0 && cw < croppedWidth;
                    int i = (p * height + h) * width + w;
                    if (kept)
                        Assert.Equal(x[i], cropped[(p * croppedHeight + ch) * croppedWidth + cw]);
                    Assert.Equal(kept ? x[i] : T.Zero, dxCropped[i]);
                }
            }
        }
    }
}
