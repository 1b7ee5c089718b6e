using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class SumTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1000)]
    public void ForwardAndAddIntoSumInFloatAndDouble(int length)
    {
        CheckForward<float>(length);
        CheckForward<double>(length);
    }

    [Fact]
    public void ForwardMayWriteOverAnAddend()
    {
        double[] a = TestData.Uniform(37, seed: 1);
        double[] b = TestData.Uniform(37, seed: 2);
        var expected = new double[37];
        Sum.Forward<double>(a, b, expected);
        Sum.Forward<double>(a, b, b);
        Assert.Equal(expected, b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientOfEachAddendIsDy(bool accumulate)
    {
        // L = Σ w ⊙ (a + b + c), differentiated with respect to a; b and c are constants.
        double[] a = TestData.Uniform(37, seed: 3);
        double[] b = TestData.Uniform(37, seed: 4);
        double[] c = TestData.Uniform(37, seed: 5);
        double[] w = TestData.Uniform(37, seed: 6);
        double[] da = AccumulationCheck.Contribution(accumulate, 37, da => Sum.Backward<double>(w, da, accumulate));
        GradientCheck.Verify(point =>
        {
            var y = new double[point.Length];
            Sum.Forward<double>(point, b, y);
            Sum.AddInto<double>(c, y);
            return GradientCheck.Weighted(y, w);
        }, a, da);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(1000)]
    public void BackwardAccumulates(int length)
    {
        double[] dy = TestData.Uniform(length, seed: 7);
        float[] dyf = TestData.ToSingle(dy);
        AccumulationCheck.AddsToWhatTheBufferHolds<float>(length, (dx, accumulate) => Sum.Backward<float>(dyf, dx, accumulate));
        AccumulationCheck.AddsToWhatTheBufferHolds<double>(length, (dx, accumulate) => Sum.Backward<double>(dy, dx, accumulate));
    }

    [Fact]
    public void BackwardMayOverwriteDyItselfButNotAccumulateIntoIt()
    {
        double[] dy = TestData.Uniform(9, seed: 8);
        double[] copy = (double[])dy.Clone();
        Sum.Backward<double>(dy, dy, accumulate: false);
        Assert.Equal(copy, dy);

        var error = Assert.Throws<ArgumentException>(() => Sum.Backward<double>(dy, dy, accumulate: true));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("Sum.Backward: 'dx' overlaps 'dy' with accumulate: true", error.Message);
        Assert.Throws<ArgumentException>(() => Sum.Backward<double>(dy.AsSpan(0, 5), dy.AsSpan(4, 5), accumulate: true));
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => Sum.Forward<float>(new float[4], new float[3], new float[4]));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("Sum.Forward: 'b' has 3 values; expected 4, the length of 'a'.", error.Message);
        error = Assert.Throws<ArgumentException>(() => Sum.Forward<float>(new float[4], new float[4], new float[5]));
        Assert.Equal("y", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Sum.AddInto<float>(new float[4], new float[5]));
        Assert.Equal("y", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Sum.Backward<float>(new float[4], new float[5], accumulate: false));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("Sum.Backward: 'dx' has 5 values; expected 4, the length of 'dy'.", error.Message);

        var buffer = new double[8];
        error = Assert.Throws<ArgumentException>(() => Sum.AddInto<double>(buffer.AsSpan(0, 4), buffer.AsSpan(2, 4)));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("Sum.AddInto: 'y' overlaps 'x'", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var a = new float[1000];
        var b = new float[1000];
        var y = new float[1000];
        Allocations.AssertNone(() =>
        {
            Sum.Forward<float>(a, b, y);
            Sum.AddInto<float>(a, y);
            Sum.Backward<float>(y, a, accumulate: false);
            Sum.Backward<float>(y, b, accumulate: true);
        });
    }

    private static void CheckForward<T>(int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] a = TestData.Uniform(length, seed: 10);
        double[] b = TestData.Uniform(length, seed: 11);
        double[] c = TestData.Uniform(length, seed: 12);
        T[] y = new T[length];
        Sum.Forward<T>(TestData.Convert<T>(a), TestData.Convert<T>(b), y);
        Sum.AddInto<T>(TestData.Convert<T>(c), y);
        for (int i = 0; i < length; i++)
        {
            T expected = T.CreateTruncating(a[i]) + T.CreateTruncating(b[i]) + T.CreateTruncating(c[i]);
            Assert.Equal(expected, y[i]);
        }
    }
}
