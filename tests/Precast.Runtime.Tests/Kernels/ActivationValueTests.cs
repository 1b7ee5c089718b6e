using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>Forward values, float against double, in-place use, bad lengths and allocation of the elementwise activations.</summary>
public class ActivationValueTests
{
    [Fact]
    public void ReluValues()
    {
        float[] x = [-2, -0.5f, 0, 0.5f, 3, float.NaN];
        var y = new float[x.Length];
        Relu.Forward<float>(x, y);
        Assert.Equal(new[] { 0, 0, 0, 0.5f, 3, float.NaN }, y);

        var dx = new float[x.Length];
        Relu.Backward<float>(y, [1, 2, 3, 4, 5, 6], dx, accumulate: false);
        Assert.Equal(new float[] { 0, 0, 0, 4, 5, 0 }, dx);
    }

    [Fact]
    public void LeakyReluValues()
    {
        double[] x = [-2, -0.5, 0.5, 3];
        var y = new double[x.Length];
        LeakyRelu.Forward<double>(x, y, 0.01);
        Assert.Equal(new[] { -0.02, -0.005, 0.5, 3 }, y);

        var dx = new double[x.Length];
        LeakyRelu.Backward<double>(x, [10, 10, 10, 10], dx, 0.01, accumulate: false);
        Assert.Equal(new[] { 0.1, 0.1, 10, 10 }, dx);
    }

    [Fact]
    public void SigmoidAndTanhValues()
    {
        double[] x = [0, 2, -40];
        var y = new double[3];
        Sigmoid.Forward<double>(x, y);
        Assert.Equal(0.5, y[0]);
        Assert.Equal(0.8807970779778823, y[1], 1e-15);
        Assert.Equal(4.248354255291589e-18, y[2], 1e-30);

        Tanh.Forward<double>([0.5], y.AsSpan(0, 1));
        Assert.Equal(0.46211715726000974, y[0], 1e-15);
        var dx = new double[1];
        Tanh.Backward<double>(y.AsSpan(0, 1), [2.0], dx, accumulate: false);
        Assert.Equal(2 * (1 - 0.46211715726000974 * 0.46211715726000974), dx[0], 1e-15);
    }

    [Theory]
    [InlineData(false, 1.0, 0.84134474606854295)]
    [InlineData(false, -2.0, -0.045500263896358414)]
    [InlineData(true, 1.0, 0.84119199060827670)]
    [InlineData(true, -2.0, -0.045402305912224981)]
    public void GeluValues(bool approximate, double x, double expected)
    {
        var y = new double[1];
        Gelu.Forward<double>([x], y, approximate);
        Assert.Equal(expected, y[0], 1e-15);

        var yf = new float[1];
        Gelu.Forward<float>([(float)x], yf, approximate);
        Assert.Equal(expected, yf[0], 2e-7);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GeluSingleAgreesWithDouble(bool approximate)
    {
        // 1001 values from −10 to 10: the vector loop, its scalar tail, and both erf ranges.
        double[] x = Enumerable.Range(0, 1001).Select(i => -10 + i * 0.02).ToArray();
        float[] xf = TestData.ToSingle(x);
        double[] xs = TestData.ToDouble(xf);
        double[] dy = TestData.Uniform(x.Length, seed: 11);
        float[] dyf = TestData.ToSingle(dy);

        var y = new double[x.Length];
        var yf = new float[x.Length];
        var dx = new double[x.Length];
        var dxf = new float[x.Length];
        Gelu.Forward<double>(xs, y, approximate);
        Gelu.Forward<float>(xf, yf, approximate);
        Gelu.Backward<double>(xs, TestData.ToDouble(dyf), dx, approximate, accumulate: false);
        Gelu.Backward<float>(xf, dyf, dxf, approximate, accumulate: false);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(yf[i] - y[i]) <= 3e-7 * Math.Max(1, Math.Abs(xs[i])), $"GELU({xs[i]:R}) = {yf[i]:R}, double gives {y[i]:R}.");
            Assert.True(Math.Abs(dxf[i] - dx[i]) <= 5e-7 * Math.Max(1, Math.Abs(xs[i])), $"GELU'({xs[i]:R}) · dy = {dxf[i]:R}, double gives {dx[i]:R}.");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GeluSaturatesForLargeInputs(bool approximate)
    {
        // Far out GELU is the identity on the right and zero on the left, and so is its slope; 1e18
        // is as far as float can go before x³ (tanh form) or x² overflows inside the formula.
        float[] x = [-1e18f, -30, 30, 1e18f];
        var y = new float[4];
        var dx = new float[4];
        Gelu.Forward<float>(x, y, approximate);
        Gelu.Backward<float>(x, [2, 2, 2, 2], dx, approximate, accumulate: false);
        Assert.Equal(new[] { 0f, 0f, 30f, 1e18f }, y);
        Assert.Equal(new[] { 0f, 0f, 2f, 2f }, dx);
    }

    [Fact]
    public void ElementwiseActivationsWorkInPlace()
    {
        float[] x = TestData.ToSingle(TestData.Uniform(21, seed: 12, scale: 3));
        float[] expected = new float[x.Length];
        Gelu.Forward<float>(x, expected, approximate: false);
        float[] inPlace = (float[])x.Clone();
        Gelu.Forward<float>(inPlace, inPlace, approximate: false);
        Assert.Equal(expected, inPlace);

        float[] dy = TestData.ToSingle(TestData.Uniform(21, seed: 13));
        float[] dxExpected = new float[x.Length];
        Tanh.Backward<float>(x, dy, dxExpected, accumulate: false);
        Tanh.Backward<float>(x, dy, dy, accumulate: false);
        Assert.Equal(dxExpected, dy);
    }

    [Fact]
    public void EmptyInputsAreAllowed()
    {
        // A batch of zero samples: every forward pass has nothing to do (TensorPrimitives.Sigmoid alone would throw).
        Relu.Forward<float>([], []);
        LeakyRelu.Forward<float>([], [], 0.01f);
        Sigmoid.Forward<float>([], []);
        Tanh.Forward<float>([], []);
        Gelu.Forward<float>([], [], approximate: false);
        Gelu.Forward<double>([], [], approximate: true);
        Softmax.Forward<float>([], [], 0, 10);
    }

    [Fact]
    public void WrongLengthsNameTheArgument()
    {
        var error = Assert.Throws<ArgumentException>(() => Relu.Forward<float>(new float[5], new float[4]));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("Relu.Forward: 'y' has 4 values; expected 5, the length of 'x'.", error.Message);

        error = Assert.Throws<ArgumentException>(() => Gelu.Backward<float>(new float[5], new float[5], new float[6], true, accumulate: false));
        Assert.Equal("dx", error.ParamName);

        error = Assert.Throws<ArgumentException>(() => Sigmoid.Backward<double>(new double[3], new double[2], new double[3], accumulate: false));
        Assert.Equal("dy", error.ParamName);
        Assert.Contains("Sigmoid.Backward: 'dy' has 2 values; expected 3, the length of 'y'.", error.Message);
    }

    [Fact]
    public void AllocateNothing()
    {
        var x = new float[1000];
        var y = new float[1000];
        var dy = new float[1000];
        var dx = new float[1000];
        var xd = new double[100];
        var yd = new double[100];
        Allocations.AssertNone(() =>
        {
            Gelu.Forward<double>(xd, yd, approximate: false);
            Gelu.Backward<double>(xd, xd, yd, approximate: false, accumulate: false);
            Relu.Forward<float>(x, y);
            Relu.Backward<float>(y, dy, dx, accumulate: false);
            LeakyRelu.Forward<float>(x, y, 0.01f);
            LeakyRelu.Backward<float>(x, dy, dx, 0.01f, accumulate: false);
            Sigmoid.Forward<float>(x, y);
            Sigmoid.Backward<float>(y, dy, dx, accumulate: false);
            Tanh.Forward<float>(x, y);
            Tanh.Backward<float>(y, dy, dx, accumulate: false);
            Gelu.Forward<float>(x, y, approximate: false);
            Gelu.Backward<float>(x, dy, dx, approximate: false, accumulate: false);
            Gelu.Forward<float>(x, y, approximate: true);
            Gelu.Backward<float>(x, dy, dx, approximate: true, accumulate: false);
        });
    }
}
