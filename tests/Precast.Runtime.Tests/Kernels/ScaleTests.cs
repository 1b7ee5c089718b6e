using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>Shapes are [batch, channels, inner]; inner 1 takes the elementwise path, 37 the row path with vector tails.</summary>
public class ScaleTests
{
    public static readonly TheoryData<int, int, int> Shapes = new()
    {
        { 2, 3, 5 },
        { 2, 3, 37 },
        { 3, 4, 1 },
        { 1, 2, 0 },
        { 0, 3, 4 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardMatchesTheDefinitionInFloatAndDouble(int batch, int channels, int inner)
    {
        CheckForward<float>(batch, channels, inner);
        CheckForward<double>(batch, channels, inner);
    }

    [Theory]
    [InlineData(2, 3, 5, false, false)]
    [InlineData(2, 3, 5, true, true)]
    [InlineData(2, 3, 37, false, true)]
    [InlineData(3, 4, 1, true, false)]
    [InlineData(3, 4, 1, false, false)]
    public void BackwardMatchesFiniteDifferences(int batch, int channels, int inner, bool accumulateDx, bool accumulateDs)
    {
        double[] x = TestData.Uniform(batch * channels * inner, seed: 1, scale: 2);
        double[] s = TestData.Uniform(batch * channels, seed: 2, scale: 2);
        double[] w = TestData.Uniform(x.Length, seed: 3);
        var unused = new double[Math.Max(x.Length, s.Length)];
        double[] dx = AccumulationCheck.Contribution(accumulateDx, x.Length,
            dx => Scale.Backward<double>(x, s, w, dx, unused.AsSpan(0, s.Length), batch, channels, inner, accumulateDx, accumulateDs));
        double[] ds = AccumulationCheck.Contribution(accumulateDs, s.Length,
            ds => Scale.Backward<double>(x, s, w, unused.AsSpan(0, x.Length), ds, batch, channels, inner, accumulateDx, accumulateDs));
        GradientCheck.Verify(point => Loss(point, s), x, dx);
        GradientCheck.Verify(point => Loss(x, point), s, ds);

        double Loss(double[] input, double[] factors)
        {
            var y = new double[input.Length];
            Scale.Forward<double>(input, factors, y, batch, channels, inner);
            return GradientCheck.Weighted(y, w);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EachOutputAccumulatesAndMayBeSkipped(int batch, int channels, int inner)
    {
        CheckAccumulation<float>(batch, channels, inner);
        CheckAccumulation<double>(batch, channels, inner);
    }

    [Theory]
    [InlineData(2, 3, 37)]
    [InlineData(3, 4, 1)]
    public void EitherGradientAloneEqualsItInABothCall(int batch, int channels, int inner)
    {
        float[] x = TestData.ToSingle(TestData.Uniform(batch * channels * inner, seed: 4));
        float[] s = TestData.ToSingle(TestData.Uniform(batch * channels, seed: 5));
        float[] dy = TestData.ToSingle(TestData.Uniform(x.Length, seed: 6));
        var dx = new float[x.Length];
        var ds = new float[s.Length];
        Scale.Backward<float>(x, s, dy, dx, ds, batch, channels, inner, false, false);

        var dxAlone = new float[x.Length];
        var dsAlone = new float[s.Length];
        Scale.Backward<float>(x, s, dy, dxAlone, [], batch, channels, inner, false, false);
        Scale.Backward<float>(x, s, dy, [], dsAlone, batch, channels, inner, false, false);
        Scale.Backward<float>(x, s, dy, [], [], batch, channels, inner, true, true); // nothing to do
        Assert.Equal(dx, dxAlone);
        Assert.Equal(ds, dsAlone);

        // dx may be dy itself: each channel's ds is taken before its dx is written.
        float[] inPlace = (float[])dy.Clone();
        var dsInPlace = new float[s.Length];
        Scale.Backward<float>(x, s, inPlace, inPlace, dsInPlace, batch, channels, inner, false, false);
        Assert.Equal(dx, inPlace);
        Assert.Equal(ds, dsInPlace);
    }

    [Fact]
    public void ForwardMayWriteOverX()
    {
        float[] x = TestData.ToSingle(TestData.Uniform(2 * 3 * 9, seed: 7));
        float[] s = TestData.ToSingle(TestData.Uniform(2 * 3, seed: 8));
        var expected = new float[x.Length];
        Scale.Forward<float>(x, s, expected, 2, 3, 9);
        Scale.Forward<float>(x, s, x, 2, 3, 9);
        Assert.Equal(expected, x);
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => Scale.Forward<float>(new float[23], new float[6], new float[24], 2, 3, 4));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("Scale.Forward: 'x' has 23 values; expected 24 (batch × channels × inner = 2 × 3 × 4).", error.Message);
        error = Assert.Throws<ArgumentException>(() => Scale.Forward<float>(new float[24], new float[5], new float[24], 2, 3, 4));
        Assert.Equal("s", error.ParamName);
        Assert.Contains("'s' has 5 values; expected 6 (batch × channels = 2 × 3).", error.Message);
        error = Assert.Throws<ArgumentException>(() => Scale.Backward<float>(new float[24], new float[6], new float[24], new float[23], [], 2, 3, 4, false, false));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("Scale.Backward: 'dx' has 23 values; expected 24, the length of 'x', or none to skip it.", error.Message);
        error = Assert.Throws<ArgumentException>(() => Scale.Backward<float>(new float[24], new float[6], new float[24], [], new float[5], 2, 3, 4, false, false));
        Assert.Equal("ds", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Scale.Forward<float>([], [], [], 2, -3, 4));

        // Sizes whose product overflows int are reported, not wrapped around.
        error = Assert.Throws<ArgumentException>(() => Scale.Forward<float>(new float[4], new float[4], new float[4], 65536, 65536, 1));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("expected 4294967296 (batch × channels × inner = 65536 × 65536 × 1)", error.Message);
    }

    [Fact]
    public void OverlappingOutputsAreRefused()
    {
        var x = new double[24];
        var s = new double[6];
        var dy = new double[24];
        var error = Assert.Throws<ArgumentException>(() => Scale.Backward<double>(x, s, dy, dy, [], 2, 3, 4, true, false));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("'dx' overlaps 'dy' with accumulate: true", error.Message);
        error = Assert.Throws<ArgumentException>(() => Scale.Backward<double>(x, s, dy, [], s, 2, 3, 4, false, false));
        Assert.Equal("ds", error.ParamName);
        Assert.Contains("Scale.Backward: 'ds' overlaps 's'", error.Message);
        error = Assert.Throws<ArgumentException>(() => Scale.Forward<double>(x, x.AsSpan(0, 6), x, 2, 3, 4));
        Assert.Equal("y", error.ParamName);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[8 * 16 * 49];
        var s = new float[8 * 16];
        var dx = new float[x.Length];
        var ds = new float[s.Length];
        Allocations.AssertNone(() =>
        {
            Scale.Forward<float>(x, s, dx, 8, 16, 49);
            Scale.Backward<float>(x, s, x, dx, ds, 8, 16, 49, true, true);
            Scale.Backward<float>(x.AsSpan(0, 128), s, x.AsSpan(0, 128), dx.AsSpan(0, 128), ds, 8, 16, 1, false, false);
        });
    }

    private static void CheckForward<T>(int batch, int channels, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = TestData.Convert<T>(TestData.Uniform(batch * channels * inner, seed: 9));
        T[] s = TestData.Convert<T>(TestData.Uniform(batch * channels, seed: 10));
        var y = new T[x.Length];
        Scale.Forward<T>(x, s, y, batch, channels, inner);
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int r = 0; r < inner; r++)
                {
                    int i = (n * channels + c) * inner + r;
                    Assert.Equal(x[i] * s[n * channels + c], y[i]);
                }
            }
        }
    }

    private static void CheckAccumulation<T>(int batch, int channels, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = TestData.Convert<T>(TestData.Uniform(batch * channels * inner, seed: 11));
        T[] s = TestData.Convert<T>(TestData.Uniform(batch * channels, seed: 12));
        T[] dy = TestData.Convert<T>(TestData.Uniform(x.Length, seed: 13));
        AccumulationCheck.AddsToWhatTheBufferHolds<T>(x.Length,
            (dx, accumulate) => Scale.Backward<T>(x, s, dy, dx, [], batch, channels, inner, accumulate, false));
        AccumulationCheck.AddsToWhatTheBufferHolds<T>(s.Length,
            (ds, accumulate) => Scale.Backward<T>(x, s, dy, [], ds, batch, channels, inner, false, accumulate));
    }
}
