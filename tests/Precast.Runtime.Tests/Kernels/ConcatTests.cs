using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class ConcatTests
{
    [Fact]
    public void ForwardPlacesEachPartInItsColumns()
    {
        // Two samples; parts of 2 and 3 features: y = [x1 | x2] per sample.
        var y = new float[2 * 5];
        Concat.Forward<float>([1, 2, 3, 4], y, 2, 2, 0, 5);
        Concat.Forward<float>([10, 20, 30, 40, 50, 60], y, 2, 3, 2, 5);
        Assert.Equal(new float[] { 1, 2, 10, 20, 30, 3, 4, 40, 50, 60 }, y);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 37)]
    [InlineData(0, 5)]
    public void ForwardThenBackwardRoundTripsInFloatAndDouble(int batch, int partLength)
    {
        RoundTrip<float>(batch, partLength);
        RoundTrip<double>(batch, partLength);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientOfEachPartIsItsSliceOfDy(bool accumulate)
    {
        // L = Σ w ⊙ concat(a, b, c) with parts of 5, 11 and 3 features; checked for the middle part.
        const int Batch = 3;
        double[] a = TestData.Uniform(Batch * 5, seed: 1);
        double[] b = TestData.Uniform(Batch * 11, seed: 2);
        double[] c = TestData.Uniform(Batch * 3, seed: 3);
        double[] w = TestData.Uniform(Batch * 19, seed: 4);
        double[] db = AccumulationCheck.Contribution(accumulate, b.Length, db => Concat.Backward<double>(w, db, Batch, 11, 5, 19, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[Batch * 19];
            Concat.Forward<double>(a, y, Batch, 5, 0, 19);
            Concat.Forward<double>(point, y, Batch, 11, 5, 19);
            Concat.Forward<double>(c, y, Batch, 3, 16, 19);
            return GradientCheck.Weighted(y, w);
        }, b, db);
    }

    [Fact]
    public void BackwardAccumulates()
    {
        double[] dy = TestData.Uniform(4 * 50, seed: 5);
        float[] dyf = TestData.ToSingle(dy);
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(4 * 37, (dx, accumulate) => Concat.Backward<float>(dyf, dx, 4, 37, 13, 50, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(4 * 37, (dx, accumulate) => Concat.Backward<double>(dy, dx, 4, 37, 13, 50, accumulate));
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Concat.Forward<float>(new float[6], new float[10], 2, 3, 3, 5));
        Assert.Equal("offset", error.ParamName);
        Assert.Contains("Concat.Forward: 'offset' + 'partLength' is 3 + 3 = 6; expected at most 'totalLength' = 5.", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => Concat.Backward<float>(new float[10], new float[6], 2, 3, -1, 5, accumulate: false));
        Assert.Equal("offset", error.ParamName);
        Assert.Contains("expected a size of 0 or more", error.Message);

        var lengthError = Assert.Throws<ArgumentException>(() => Concat.Forward<float>(new float[5], new float[10], 2, 3, 0, 5));
        Assert.Equal("x", lengthError.ParamName);
        Assert.Contains("Concat.Forward: 'x' has 5 values; expected 6 (batch × partLength = 2 × 3).", lengthError.Message);
        lengthError = Assert.Throws<ArgumentException>(() => Concat.Backward<float>(new float[9], new float[6], 2, 3, 0, 5, accumulate: true));
        Assert.Equal("dy", lengthError.ParamName);
        Assert.Contains("'dy' has 9 values; expected 10 (batch × totalLength = 2 × 5).", lengthError.Message);
    }

    [Fact]
    public void OverlappingSpansAreRefused()
    {
        var buffer = new double[20];
        var error = Assert.Throws<ArgumentException>(() => Concat.Forward<double>(buffer.AsSpan(0, 4), buffer.AsSpan(0, 10), 2, 2, 3, 5));
        Assert.Equal("y", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Concat.Backward<double>(buffer.AsSpan(0, 10), buffer.AsSpan(6, 4), 2, 2, 3, 5, accumulate: false));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("Concat.Backward: 'dx' overlaps 'dy'", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[64 * 48];
        var y = new float[64 * 96];
        Allocations.AssertNone(() =>
        {
            Concat.Forward<float>(x, y, 64, 48, 48, 96);
            Concat.Backward<float>(y, x, 64, 48, 0, 96, accumulate: false);
            Concat.Backward<float>(y, x, 64, 48, 48, 96, accumulate: true);
        });
    }

    /// <summary>Concatenates two parts around a third and takes each back out; the sample-major layout is checked element by element.</summary>
    private static void RoundTrip<T>(int batch, int partLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Before = 3, After = 2;
        int total = Before + partLength + After;
        T[] left = TestData.Convert<T>(TestData.Uniform(batch * Before, seed: 6));
        T[] middle = TestData.Convert<T>(TestData.Uniform(batch * partLength, seed: 7));
        T[] right = TestData.Convert<T>(TestData.Uniform(batch * After, seed: 8));
        var y = new T[batch * total];
        Concat.Forward<T>(left, y, batch, Before, 0, total);
        Concat.Forward<T>(middle, y, batch, partLength, Before, total);
        Concat.Forward<T>(right, y, batch, After, Before + partLength, total);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < total; j++)
            {
                T expected = j < Before ? left[n * Before + j]
                    : j < Before + partLength ? middle[n * partLength + j - Before]
                    : right[n * After + j - Before - partLength];
                Assert.Equal(expected, y[n * total + j]);
            }
        }

        var back = new T[middle.Length];
        Concat.Backward<T>(y, back, batch, partLength, Before, total, accumulate: false);
        Assert.Equal(middle, back);
    }
}
