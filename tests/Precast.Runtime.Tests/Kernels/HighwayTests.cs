using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class HighwayTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(37)]
    [InlineData(1000)]
    public void ForwardMixesTransformAndCarryInFloatAndDouble(int length)
    {
        CheckForward<float>(length);
        CheckForward<double>(length);
    }

    [Fact]
    public void ForwardWithAClosedGateCarriesXExactly()
    {
        double[] h = TestData.Uniform(9, seed: 1);
        double[] x = TestData.Uniform(9, seed: 2);
        var y = new double[9];
        Highway.Forward<double>(h, new double[9], x, y);
        Assert.Equal(x, y);
    }

    [Fact]
    public void ForwardMayWriteOverAnyInput()
    {
        float[] h = TestData.ToSingle(TestData.Uniform(37, seed: 3));
        float[] t = TestData.ToSingle(TestData.Uniform(37, seed: 4));
        float[] x = TestData.ToSingle(TestData.Uniform(37, seed: 5));
        var expected = new float[37];
        Highway.Forward<float>(h, t, x, expected);
        foreach (float[] target in new[] { h, t, x })
        {
            float[] saved = (float[])target.Clone();
            Highway.Forward<float>(h, t, x, target);
            Assert.Equal(expected, target);
            saved.CopyTo(target, 0);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BackwardMatchesFiniteDifferences(bool accumulate)
    {
        const int Length = 37;
        double[] h = TestData.Uniform(Length, seed: 6, scale: 2);
        double[] t = TestData.Uniform(Length, seed: 7).Select(v => 0.5 + 0.45 * v).ToArray();
        double[] x = TestData.Uniform(Length, seed: 8, scale: 2);
        double[] w = TestData.Uniform(Length, seed: 9);
        double[] dh = AccumulationCheck.Contribution(accumulate, Length, dh => Highway.Backward<double>(h, t, x, w, dh, [], [], accumulate, false, false));
        double[] dt = AccumulationCheck.Contribution(accumulate, Length, dt => Highway.Backward<double>(h, t, x, w, [], dt, [], false, accumulate, false));
        double[] dx = AccumulationCheck.Contribution(accumulate, Length, dx => Highway.Backward<double>(h, t, x, w, [], [], dx, false, false, accumulate));
        GradientCheck.Verify(point => Loss(point, t, x), h, dh);
        GradientCheck.Verify(point => Loss(h, point, x), t, dt);
        GradientCheck.Verify(point => Loss(h, t, point), x, dx);

        double Loss(double[] transform, double[] gate, double[] carry)
        {
            var y = new double[Length];
            Highway.Forward<double>(transform, gate, carry, y);
            return GradientCheck.Weighted(y, w);
        }
    }

    public static readonly TheoryData<Output, Output, Output> Combinations = AllCombinations();

    /// <summary>Every combination of skipped, overwritten and accumulated outputs (each runs its own loop).</summary>
    [Theory]
    [MemberData(nameof(Combinations))]
    public void EveryCombinationOfOutputsIsRight(Output dhMode, Output dtMode, Output dxMode)
    {
        CheckCombination<float>(37, dhMode, dtMode, dxMode);
        CheckCombination<double>(37, dhMode, dtMode, dxMode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void AllOutputsAccumulateAtOtherLengths(int length)
    {
        CheckCombination<float>(length, Output.Accumulated, Output.Accumulated, Output.Accumulated);
        CheckCombination<double>(length, Output.Overwritten, Output.Accumulated, Output.Overwritten);
    }

    [Fact]
    public void OverwrittenOutputsMayBeTheInputsThemselves()
    {
        float[] h = TestData.ToSingle(TestData.Uniform(37, seed: 10));
        float[] t = TestData.ToSingle(TestData.Uniform(37, seed: 11));
        float[] x = TestData.ToSingle(TestData.Uniform(37, seed: 12));
        float[] dy = TestData.ToSingle(TestData.Uniform(37, seed: 13));
        var dh = new float[37];
        var dt = new float[37];
        var dx = new float[37];
        Highway.Backward<float>(h, t, x, dy, dh, dt, dx, false, false, false);

        // dh over h, dt over t, dx over dy: every element's inputs are read before its outputs are written.
        Highway.Backward<float>(h, t, x, dy, h, t, dy, false, false, false);
        Assert.Equal(dh, h);
        Assert.Equal(dt, t);
        Assert.Equal(dx, dy);
    }

    [Fact]
    public void WrongArgumentsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => Highway.Forward<float>(new float[5], new float[4], new float[5], new float[5]));
        Assert.Equal("t", error.ParamName);
        Assert.Contains("Highway.Forward: 't' has 4 values; expected 5, the length of 'h'.", error.Message);
        error = Assert.Throws<ArgumentException>(() => Highway.Backward<float>(new float[5], new float[5], new float[5], new float[6], [], [], [], false, false, false));
        Assert.Equal("dy", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Highway.Backward<float>(new float[5], new float[5], new float[5], new float[5], [], new float[4], [], false, false, false));
        Assert.Equal("dt", error.ParamName);
        Assert.Contains("Highway.Backward: 'dt' has 4 values; expected 5, the length of 'h', or none to skip it.", error.Message);

        var dy = new double[5];
        var t = new double[5];
        error = Assert.Throws<ArgumentException>(() => Highway.Backward<double>(new double[5], t, new double[5], dy, [], [], dy, false, false, true));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("'dx' overlaps 'dy' with accumulate: true", error.Message);
        error = Assert.Throws<ArgumentException>(() => Highway.Backward<double>(new double[5], t, new double[5], dy, t, [], [], true, false, false));
        Assert.Equal("dh", error.ParamName);
        Assert.Contains("'dh' overlaps 't' with accumulate: true", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var h = new float[1000];
        var t = new float[1000];
        var x = new float[1000];
        var dy = new float[1000];
        var dh = new float[1000];
        var dt = new float[1000];
        var dx = new float[1000];
        Allocations.AssertNone(() =>
        {
            Highway.Forward<float>(h, t, x, dy);
            Highway.Backward<float>(h, t, x, dy, dh, dt, dx, false, true, false);
            Highway.Backward<float>(h, t, x, dy, [], dt, dx, false, false, true);
        });
    }

    /// <summary>How a test passes one of the backward pass's outputs.</summary>
    public enum Output
    {
        /// <summary>An empty span: not wanted.</summary>
        Skipped,

        /// <summary>Written over a buffer of other values.</summary>
        Overwritten,

        /// <summary>Added to a buffer of other values.</summary>
        Accumulated,
    }

    private static void CheckForward<T>(int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] h = TestData.Convert<T>(TestData.Uniform(length, seed: 14));
        T[] t = TestData.Convert<T>(TestData.Uniform(length, seed: 15));
        T[] x = TestData.Convert<T>(TestData.Uniform(length, seed: 16));
        var y = new T[length];
        Highway.Forward<T>(h, t, x, y);
        for (int i = 0; i < length; i++)
            Assert.Equal(x[i] + t[i] * (h[i] - x[i]), y[i]);
    }

    private static void CheckCombination<T>(int length, Output dhMode, Output dtMode, Output dxMode)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] h = TestData.Convert<T>(TestData.Uniform(length, seed: 17));
        T[] t = TestData.Convert<T>(TestData.Uniform(length, seed: 18));
        T[] x = TestData.Convert<T>(TestData.Uniform(length, seed: 19));
        T[] dy = TestData.Convert<T>(TestData.Uniform(length, seed: 20));
        T[] dh = Buffer<T>(length, dhMode, seed: 21);
        T[] dt = Buffer<T>(length, dtMode, seed: 22);
        T[] dx = Buffer<T>(length, dxMode, seed: 23);
        T[] dhBefore = (T[])dh.Clone(), dtBefore = (T[])dt.Clone(), dxBefore = (T[])dx.Clone();

        Highway.Backward<T>(h, t, x, dy, dh, dt, dx,
            dhMode == Output.Accumulated, dtMode == Output.Accumulated, dxMode == Output.Accumulated);

        for (int i = 0; i < dh.Length; i++)
            Assert.Equal(Expected(dhMode, dhBefore[i], dy[i] * t[i]), dh[i]);
        for (int i = 0; i < dt.Length; i++)
            Assert.Equal(Expected(dtMode, dtBefore[i], dy[i] * (h[i] - x[i])), dt[i]);
        for (int i = 0; i < dx.Length; i++)
            Assert.Equal(Expected(dxMode, dxBefore[i], dy[i] * (T.One - t[i])), dx[i]);
    }

    private static T[] Buffer<T>(int length, Output mode, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
        => mode == Output.Skipped ? [] : TestData.Convert<T>(TestData.Uniform(length, seed, scale: 3));

    private static T Expected<T>(Output mode, T before, T gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        => mode == Output.Accumulated ? before + gradient : gradient;

    private static TheoryData<Output, Output, Output> AllCombinations()
    {
        var data = new TheoryData<Output, Output, Output>();
        foreach (Output dh in Enum.GetValues<Output>())
        {
            foreach (Output dt in Enum.GetValues<Output>())
            {
                foreach (Output dx in Enum.GetValues<Output>())
                    data.Add(dh, dt, dx);
            }
        }
        return data;
    }
}
