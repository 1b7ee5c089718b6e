using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class SoftmaxTests
{
    [Fact]
    public void RowsAreProbabilities()
    {
        double[] x = [1, 2, 3, -1, 0, 1];
        var y = new double[6];
        Softmax.Forward<double>(x, y, 2, 3);
        // softmax([1, 2, 3]) = e^(x − 3) / Σ = [0.09003057, 0.24472847, 0.66524096]; the second row is the first shifted.
        double[] expected = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219];
        for (int r = 0; r < 2; r++)
        {
            for (int j = 0; j < 3; j++)
                Assert.Equal(expected[j], y[r * 3 + j], 1e-15);
        }
    }

    [Fact]
    public void HugeLogitsDoNotOverflow()
    {
        float[] x = [1e30f, 0, -1e30f, 3e38f, 3e38f, -3e38f];
        var y = new float[6];
        Softmax.Forward<float>(x, y, 2, 3);
        Assert.Equal(new[] { 1f, 0, 0, 0.5f, 0.5f, 0 }, y);
    }

    [Fact]
    public void FloatAgreesWithDoubleAndWorksInPlace()
    {
        double[] x = TestData.Uniform(5 * 19, seed: 21, scale: 8);
        var y = new double[x.Length];
        Softmax.Forward<double>(x, y, 5, 19);
        float[] yf = TestData.ToSingle(x);
        Softmax.Forward<float>(yf, yf, 5, 19);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(y[i], yf[i], 1e-6);
    }

    [Fact]
    public void BackwardOfUniformUpstreamIsZero()
    {
        // Softmax rows sum to one, so adding a constant to dy cannot change anything: dx = 0.
        double[] x = TestData.Uniform(12, seed: 22);
        var y = new double[12];
        var dx = new double[12];
        Softmax.Forward<double>(x, y, 3, 4);
        Softmax.Backward<double>(y, Enumerable.Repeat(2.5, 12).ToArray(), dx, 3, 4, accumulate: false);
        Assert.All(dx, v => Assert.Equal(0, v, 1e-15));
    }

    [Fact]
    public void WrongShapesNameTheArgument()
    {
        var error = Assert.Throws<ArgumentException>(() => Softmax.Forward<float>(new float[6], new float[5], 2, 3));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("Softmax.Forward: 'y' has 5 values; expected 6 (rows × cols = 2 × 3).", error.Message);
        error = Assert.Throws<ArgumentException>(() => Softmax.Backward<float>(new float[6], new float[6], new float[4], 2, 3, accumulate: false));
        Assert.Equal("dx", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Softmax.Forward<float>([], [], -1, 0));
    }

    [Fact]
    public void AllocatesNothing()
    {
        var x = new float[64 * 10];
        var y = new float[64 * 10];
        var dx = new float[64 * 10];
        Allocations.AssertNone(() =>
        {
            Softmax.Forward<float>(x, y, 64, 10);
            Softmax.Backward<float>(y, x, dx, 64, 10, accumulate: false);
        });
    }
}
