using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>MaxPool2D, AvgPool2D and their 1-D use, against a slow reference that walks every window position by position.</summary>
public class PoolingTests
{
    [Fact]
    public void MaxPoolOfTheDesignDocsExamples()
    {
        // 2×2 windows, stride 2, on 4×4 maps.
        var geometry = new Pool2DGeometry(1, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0);
        var y = new float[4];
        MaxPool2D.Forward<float>([1, 3, 2, 1, 2, 9, 1, 1, 1, 3, 2, 3, 5, 6, 1, 2], y, geometry, 1);
        Assert.Equal(new float[] { 9, 2, 6, 3 }, y);
        MaxPool2D.Forward<float>([1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4], y, geometry, 1);
        Assert.Equal(new float[] { 6, 8, 3, 4 }, y);
        AvgPool2D.Forward<float>([1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4], y, geometry, 1);
        Assert.Equal(new float[] { 3.25f, 5.25f, 2, 2 }, y);
    }

    [Fact]
    public void MaxPoolRoutesTiesAsPyTorchDoes()
    {
        // torch.nn.functional.max_pool2d(x, 2, 2, return_indices=True) gives indices [[1, 2], [12, 10]]:
        // the first maximum of each window in row-major order.
        double[] x = [1, 3, 3, 1, 3, 2, 1, 3, 0, 0, 5, 5, 5, 5, 1, 1];
        var geometry = new Pool2DGeometry(1, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0);
        var dx = new double[16];
        MaxPool2D.Backward<double>(x, [1, 1, 1, 1], dx, geometry, 1, accumulate: false);
        Assert.Equal(new double[] { 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0 }, dx);

        // Overlapping 3×3 windows, stride 1, padding 1: PyTorch's y and x.grad after y.sum().backward().
        geometry = new Pool2DGeometry(1, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1);
        var y = new double[9];
        dx = new double[9];
        MaxPool2D.Forward<double>([1, 2, 3, 4, 5, 6, 7, 8, 9], y, geometry, 1);
        Assert.Equal(new double[] { 5, 6, 6, 8, 9, 9, 8, 9, 9 }, y);
        MaxPool2D.Backward<double>([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 1, 1, 1, 1, 1, 1, 1], dx, geometry, 1, accumulate: false);
        Assert.Equal(new double[] { 0, 0, 0, 0, 1, 2, 0, 2, 4 }, dx);
    }

    [Fact]
    public void MaxPoolPropagatesNaNAndRoutesTheFirstOfSignedZeros()
    {
        // PyTorch: max_pool2d([nan, 1, nan, 2], (1, 4)) is nan with index 2 (the last NaN);
        // of [-0.0, 0.0] it keeps -0.0, index 0.
        var geometry = Pool2DGeometry.OneDimensional(1, 4, 1, 4, 1, 0);
        var y = new double[1];
        var dx = new double[4];
        double[] x = [double.NaN, 1, double.NaN, 2];
        MaxPool2D.Forward<double>(x, y, geometry, 1);
        Assert.True(double.IsNaN(y[0]));
        MaxPool2D.Backward<double>(x, [1], dx, geometry, 1, accumulate: false);
        Assert.Equal(new double[] { 0, 0, 1, 0 }, dx);

        // The gradient goes to the first zero; the value is the IEEE maximum, +0 (PyTorch's is -0).
        geometry = Pool2DGeometry.OneDimensional(1, 2, 1, 2, 1, 0);
        MaxPool2D.Forward<double>([-0.0, 0.0], y, geometry, 1);
        Assert.Equal(0.0, y[0]);
        dx = new double[2];
        MaxPool2D.Backward<double>([-0.0, 0.0], [1], dx, geometry, 1, accumulate: false);
        Assert.Equal(new double[] { 1, 0 }, dx);
        MaxPool2D.Backward<double>([0.0, -0.0], [1], dx, geometry, 1, accumulate: false);
        Assert.Equal(new double[] { 1, 0 }, dx);
    }

    [Theory]
    [InlineData(14, 14)]
    [InlineData(9, 19)]
    [InlineData(2, 9)]
    public void HalvingAgreesWithTheGeneralWalkBitForBitOnNaNsZerosAndTies(int inHeight, int inWidth)
    {
        // Values from a small set with NaN, both zeros and infinities: ties in most windows, and
        // NaN maxima both inside and after the groups of four windows the vector loops take.
        double[] pool = [double.NaN, -0.0, 0.0, 1, -1, 2, double.PositiveInfinity, double.NegativeInfinity, 1, 0.0, -0.0, 2];
        const int Batch = 2, Channels = 3;
        var geometry = new Pool2DGeometry(Channels, inHeight, inWidth, inHeight / 2, inWidth / 2, 2, 2, 2, 2, 0, 0);
        var random = new Random(7);
        for (int round = 0; round < 20; round++)
        {
            double[] xd = Enumerable.Range(0, Batch * Channels * inHeight * inWidth)
                .Select(_ => random.Next(4) == 0 ? pool[random.Next(pool.Length)] : random.Next(3) - 1.0).ToArray();
            double[] dyd = TestData.Uniform(Batch * Channels * geometry.OutHeight * geometry.OutWidth, seed: round);
            AgreeBitForBit(TestData.Convert<float>(xd), TestData.Convert<float>(dyd), geometry, Batch, round);
            AgreeBitForBit(xd, dyd, geometry, Batch, round);
        }
    }

    private static void AgreeBitForBit<T>(T[] x, T[] dy, Pool2DGeometry geometry, int batch, int round)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var fast = new T[dy.Length];
        var general = new T[dy.Length];
        MaxPool2D.Forward<T>(x, fast, geometry, batch);
        MaxPool2D.ForwardAnyWindows<T>(x, general, geometry, batch);
        AssertSameBits(general, fast, $"forward, round {round}, {typeof(T).Name}");

        // Accumulating into a gradient that already holds −0, +0 and NaN: their bits must survive.
        T[] start = Array.ConvertAll(x, value => T.IsNaN(value) ? T.NaN : T.IsNegative(value) ? T.NegativeZero : T.Zero);
        T[] fastDx = (T[])start.Clone(), generalDx = (T[])start.Clone();
        MaxPool2D.Backward<T>(x, dy, fastDx, geometry, batch, accumulate: true);
        MaxPool2D.BackwardAnyWindows<T>(x, dy, generalDx, geometry, batch);
        AssertSameBits(generalDx, fastDx, $"backward, round {round}, {typeof(T).Name}");
    }

    private static void AssertSameBits<T>(T[] expected, T[] actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = double.CreateTruncating(expected[i]) is var e && double.CreateTruncating(actual[i]) is var a
                && (double.IsNaN(e) ? double.IsNaN(a) : BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a));
            Assert.True(same, $"{what}: element {i} is {actual[i]}; the general walk gives {expected[i]}.");
        }
    }

    [Fact]
    public void AvgPoolCountsOnlyTheInputAsPyTorchWithoutPadCounting()
    {
        // avg_pool2d(1..9 as 3×3, 3, 2, padding=1, count_include_pad=False) and
        // avg_pool2d(same, 2, 2, padding=1, ceil_mode=True, count_include_pad=False).
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var y = new double[4];
        AvgPool2D.Forward<double>(x, y, new Pool2DGeometry(1, 3, 3, 2, 2, 3, 3, 2, 2, 1, 1), 1);
        Assert.Equal(new double[] { 3, 4, 6, 7 }, y);
        AvgPool2D.Forward<double>(x, y, new Pool2DGeometry(1, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1), 1);
        Assert.Equal(new double[] { 1, 2.5, 5.5, 7 }, y);
    }

    // batch, channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth, padTop, padLeft, outHeight, outWidth
    [Theory]
    [InlineData(1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 2, 2)]   // the plain case
    [InlineData(3, 5, 7, 5, 3, 2, 2, 1, 1, 0, 4, 4)]   // padding on one axis, stride ≠ window
    [InlineData(2, 9, 6, 9, 2, 3, 3, 2, 0, 1, 2, 5)]   // windows not dividing the input, rows left over
    [InlineData(1, 3, 5, 5, 3, 3, 1, 1, 1, 1, 5, 5)]   // overlapping windows, "same" size
    [InlineData(3, 17, 5, 8, 2, 2, 2, 2, 0, 0, 3, 4)]  // ceil mode: the last row of windows clipped
    [InlineData(2, 4, 3, 10, 3, 4, 2, 3, 1, 2, 2, 4)]  // non-square windows and strides, both padded
    [InlineData(1, 2, 5, 7, 2, 3, 2, 2, 0, 1, 3, 4)]   // Keras "same": padding 0/1 rows and 1/1 columns
    [InlineData(2, 3, 4, 6, 4, 6, 1, 1, 0, 0, 1, 1)]   // one window covering the map
    [InlineData(2, 3, 28, 28, 2, 2, 2, 2, 0, 0, 14, 14)] // 2×2 at stride 2 (MaxPoolHalving): vectors of four windows and a tail
    [InlineData(3, 2, 9, 19, 2, 2, 2, 2, 0, 0, 4, 9)]  // the same with the last row and column of the input in no window
    public void ForwardAndBackwardMatchTheReference(
        int batch, int channels, int inHeight, int inWidth, int windowHeight, int windowWidth,
        int strideHeight, int strideWidth, int padTop, int padLeft, int outHeight, int outWidth)
    {
        var geometry = new Pool2DGeometry(
            channels, inHeight, inWidth, outHeight, outWidth, windowHeight, windowWidth, strideHeight, strideWidth, padTop, padLeft);
        CheckAgainstReference<float>(geometry, batch);
        CheckAgainstReference<double>(geometry, batch);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsMatchFiniteDifferences(bool accumulate)
    {
        const int Batch = 2;
        var geometry = new Pool2DGeometry(3, 5, 6, 3, 3, 3, 2, 2, 2, 1, 0);
        double[] x = Distinct(Batch * 3 * 5 * 6, seed: 1);
        double[] w = TestData.Uniform(Batch * 3 * 3 * 3, seed: 2);

        double[] dxMax = AccumulationCheck.Contribution(accumulate, x.Length, dx => MaxPool2D.Backward<double>(x, w, dx, geometry, Batch, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[w.Length];
            MaxPool2D.Forward<double>(point, y, geometry, Batch);
            return GradientCheck.Weighted(y, w);
        }, x, dxMax);

        double[] dxAvg = AccumulationCheck.Contribution(accumulate, x.Length, dx => AvgPool2D.Backward<double>(w, dx, geometry, Batch, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[w.Length];
            AvgPool2D.Forward<double>(point, y, geometry, Batch);
            return GradientCheck.Weighted(y, w);
        }, x, dxAvg);
    }

    [Fact]
    public void BackwardAccumulates()
    {
        var geometry = new Pool2DGeometry(5, 7, 5, 4, 4, 3, 2, 2, 1, 1, 0);
        double[] x = TestData.Uniform(3 * 5 * 7 * 5, seed: 3);
        double[] dy = TestData.Uniform(3 * 5 * 4 * 4, seed: 4);
        float[] xf = TestData.ToSingle(x), dyf = TestData.ToSingle(dy);
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(x.Length, (dx, accumulate) => MaxPool2D.Backward<float>(xf, dyf, dx, geometry, 3, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(x.Length, (dx, accumulate) => MaxPool2D.Backward<double>(x, dy, dx, geometry, 3, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(x.Length, (dx, accumulate) => AvgPool2D.Backward<float>(dyf, dx, geometry, 3, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(x.Length, (dx, accumulate) => AvgPool2D.Backward<double>(dy, dx, geometry, 3, accumulate));
    }

    [Fact]
    public void OneDimensionalPoolingIsTwoDimensionalWithHeightOne()
    {
        // MaxPool1d(kernel 3, stride 2, padding 1) over [batch 3, C 5, L 11]: out (11 + 2 - 3) / 2 + 1 = 6.
        const int Batch = 3, Channels = 5, Length = 11, Out = 6;
        var geometry = Pool2DGeometry.OneDimensional(Channels, Length, Out, 3, 2, 1);
        Assert.Equal(new Pool2DGeometry(Channels, 1, Length, 1, Out, 1, 3, 1, 2, 0, 1), geometry);
        double[] x = TestData.Uniform(Batch * Channels * Length, seed: 5);
        var y = new double[Batch * Channels * Out];
        MaxPool2D.Forward<double>(x, y, geometry, Batch);
        for (int row = 0; row < Batch * Channels; row++)
        {
            for (int o = 0; o < Out; o++)
            {
                double expected = double.NegativeInfinity;
                for (int t = o * 2 - 1; t < o * 2 + 2; t++)
                {
                    if (t >= 0 && t < Length)
                        expected = Math.Max(expected, x[row * Length + t]);
                }
                Assert.Equal(expected, y[row * Out + o]);
            }
        }
    }

    [Fact]
    public void WindowsWithoutInputAreRefused()
    {
        // Padding as wide as the window: the first window would hold only padding.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            MaxPool2D.Forward<float>(new float[16], new float[9], new Pool2DGeometry(1, 4, 4, 3, 3, 2, 2, 2, 2, 2, 0), 1));
        Assert.Equal("geometry", error.ParamName);
        Assert.Contains("MaxPool2D.Forward: 'PadTop' is 2; expected less than 'WindowHeight' = 2", error.Message);

        // One output column too many: the last window starts past the input.
        error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            AvgPool2D.Forward<float>(new float[16], new float[6], new Pool2DGeometry(1, 4, 4, 2, 3, 2, 2, 2, 2, 0, 0), 1));
        Assert.Contains(
            "AvgPool2D.Forward: the last of 'OutWidth' = 3 windows starts at (OutWidth - 1) × StrideWidth - PadLeft = (3 - 1) × 2 - 0 = 4, " +
            "past the last of 'InWidth' = 4 input positions", error.Message);

        error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            MaxPool2D.Forward<float>(new float[16], new float[4], new Pool2DGeometry(1, 4, 4, 2, 2, 2, 2, 0, 2, 0, 0), 1));
        Assert.Equal("StrideHeight", error.ParamName);
    }

    [Fact]
    public void WrongLengthsAndOverlapsAreNamed()
    {
        var geometry = new Pool2DGeometry(3, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0);
        var error = Assert.Throws<ArgumentException>(() => MaxPool2D.Forward<float>(new float[95], new float[24], geometry, 2));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("MaxPool2D.Forward: 'x' has 95 values; expected 96 (batch × Channels × InHeight × InWidth = 2 × 3 × 4 × 4).", error.Message);
        error = Assert.Throws<ArgumentException>(() => AvgPool2D.Backward<float>(new float[25], new float[96], geometry, 2, accumulate: false));
        Assert.Equal("dy", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => MaxPool2D.Backward<float>(new float[96], new float[24], new float[48], geometry, 2, accumulate: false));
        Assert.Equal("dx", error.ParamName);

        var buffer = new float[200];
        error = Assert.Throws<ArgumentException>(() => MaxPool2D.Forward<float>(buffer.AsSpan(0, 96), buffer.AsSpan(90, 24), geometry, 2));
        Assert.Equal("y", error.ParamName);
        error = Assert.Throws<ArgumentException>(() =>
            MaxPool2D.Backward<float>(buffer.AsSpan(0, 96), buffer.AsSpan(100, 24), buffer.AsSpan(10, 96), geometry, 2, accumulate: false));
        Assert.Contains("'dx' overlaps 'x'", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var geometry = new Pool2DGeometry(16, 28, 28, 14, 14, 2, 2, 2, 2, 0, 0);
        var x = new float[8 * 16 * 28 * 28];
        var y = new float[8 * 16 * 14 * 14];
        var dx = new float[x.Length];
        Allocations.AssertNone(() =>
        {
            MaxPool2D.Forward<float>(x, y, geometry, 8);
            MaxPool2D.Backward<float>(x, y, dx, geometry, 8, accumulate: false);
            AvgPool2D.Forward<float>(x, y, geometry, 8);
            AvgPool2D.Backward<float>(y, dx, geometry, 8, accumulate: true);
        }, callsPerRound: 5);
    }

    /// <summary>
    /// Runs both kernels forward and backward on data with many ties (small integers) and compares
    /// with <see cref="Reference"/>, which the input's values converted back to double go through.
    /// </summary>
    private static void CheckAgainstReference<T>(Pool2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inLength = batch * geometry.Channels * geometry.InHeight * geometry.InWidth;
        int outLength = batch * geometry.Channels * geometry.OutHeight * geometry.OutWidth;
        double[] tied = Array.ConvertAll(TestData.Uniform(inLength, seed: 11, scale: 3), Math.Round);
        double[] smooth = TestData.Uniform(inLength, seed: 12);
        double[] dy = TestData.Uniform(outLength, seed: 13);
        foreach (double[] input in new[] { tied, smooth })
        {
            T[] x = TestData.Convert<T>(input);
            T[] gradient = TestData.Convert<T>(dy);
            double[] xd = Array.ConvertAll(x, double.CreateTruncating);
            double[] dyd = Array.ConvertAll(gradient, double.CreateTruncating);
            Reference(xd, dyd, geometry, batch, out double[] maxY, out double[] maxDx, out double[] avgY, out double[] avgDx);

            var y = new T[outLength];
            var dx = new T[inLength];
            MaxPool2D.Forward<T>(x, y, geometry, batch);
            AssertClose(maxY, y, 0);
            MaxPool2D.Backward<T>(x, gradient, dx, geometry, batch, accumulate: false);
            AssertClose(maxDx, dx, 16);
            AvgPool2D.Forward<T>(x, y, geometry, batch);
            AssertClose(avgY, y, 16);
            AvgPool2D.Backward<T>(gradient, dx, geometry, batch, accumulate: false);
            AssertClose(avgDx, dx, 16);
        }
    }

    /// <summary>
    /// Pooling by definition: for every output, the window's positions inside the input, visited
    /// row by row; the max keeps the first of equal values; the average divides by how many there are.
    /// </summary>
    private static void Reference(
        double[] x, double[] dy, Pool2DGeometry g, int batch,
        out double[] maxY, out double[] maxDx, out double[] avgY, out double[] avgDx)
    {
        maxY = new double[dy.Length];
        avgY = new double[dy.Length];
        maxDx = new double[x.Length];
        avgDx = new double[x.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < g.Channels; c++)
            {
                for (int i = 0; i < g.OutHeight; i++)
                {
                    for (int j = 0; j < g.OutWidth; j++)
                    {
                        var cells = new List<int>();
                        for (int a = 0; a < g.WindowHeight; a++)
                        {
                            for (int b = 0; b < g.WindowWidth; b++)
                            {
                                int h = i * g.StrideHeight - g.PadTop + a, w = j * g.StrideWidth - g.PadLeft + b;
                                if (h >= 0 && h < g.InHeight && w >= 0 && w < g.InWidth)
                                    cells.Add(((n * g.Channels + c) * g.InHeight + h) * g.InWidth + w);
                            }
                        }
                        int o = ((n * g.Channels + c) * g.OutHeight + i) * g.OutWidth + j;
                        double max = cells.Max(cell => x[cell]);
                        int winner = cells.First(cell => x[cell] == max);
                        maxY[o] = max;
                        maxDx[winner] += dy[o];
                        avgY[o] = cells.Sum(cell => x[cell]) / cells.Count;
                        foreach (int cell in cells)
                            avgDx[cell] += dy[o] / cells.Count;
                    }
                }
            }
        }
    }

    /// <summary>Each value within <paramref name="ulps"/> rounding errors of <typeparamref name="T"/> (relative to max(1, |expected|)) of the reference.</summary>
    internal static void AssertClose<T>(double[] expected, T[] actual, double ulps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double epsilon = double.CreateTruncating(T.BitIncrement(T.One) - T.One);
        for (int i = 0; i < expected.Length; i++)
        {
            double value = double.CreateTruncating(actual[i]);
            Assert.True(Math.Abs(value - expected[i]) <= ulps * epsilon * Math.Max(1, Math.Abs(expected[i])),
                $"Element {i} of {expected.Length}: {value:R}; expected {expected[i]:R} ({typeof(T).Name}).");
        }
    }

    /// <summary>Values in random order at least 0.009 apart, so a finite-difference step never changes a window's maximum.</summary>
    internal static double[] Distinct(int length, int seed)
    {
        var random = new Random(seed);
        double[] values = Enumerable.Range(0, length).Select(i => i * 0.01 - length * 0.005 + random.NextDouble() * 0.001).ToArray();
        random.Shuffle(values);
        return values;
    }
}
