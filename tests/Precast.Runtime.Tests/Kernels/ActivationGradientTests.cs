using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// Every activation's Backward against finite differences of its Forward, in double: the scalar is
/// <c>L = Σ dy ⊙ Forward(x)</c>, whose gradient is what Backward returns for that dy. 37 values,
/// so the vector loops and their scalar tails both run; inputs stay 1e-3 away from kinks.
/// </summary>
public class ActivationGradientTests
{
    private const int Length = 37;

    private static readonly double[] Upstream = TestData.Uniform(Length, seed: 99);

    [Fact]
    public void Relu() => CheckElementwise(
        (x, y) => Precast.Kernels.Relu.Forward<double>(x, y),
        (x, y, dy, dx) => Precast.Kernels.Relu.Backward<double>(y, dy, dx),
        TestData.AwayFromZero(Length, seed: 1));

    [Fact]
    public void LeakyRelu() => CheckElementwise(
        (x, y) => Precast.Kernels.LeakyRelu.Forward<double>(x, y, 0.1),
        (x, y, dy, dx) => Precast.Kernels.LeakyRelu.Backward<double>(x, dy, dx, 0.1),
        TestData.AwayFromZero(Length, seed: 2));

    [Fact]
    public void Sigmoid() => CheckElementwise(
        (x, y) => Precast.Kernels.Sigmoid.Forward<double>(x, y),
        (x, y, dy, dx) => Precast.Kernels.Sigmoid.Backward<double>(y, dy, dx),
        TestData.Uniform(Length, seed: 3, scale: 6));

    [Fact]
    public void Tanh() => CheckElementwise(
        (x, y) => Precast.Kernels.Tanh.Forward<double>(x, y),
        (x, y, dy, dx) => Precast.Kernels.Tanh.Backward<double>(y, dy, dx),
        TestData.Uniform(Length, seed: 4, scale: 3));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gelu(bool approximate) => CheckElementwise(
        (x, y) => Precast.Kernels.Gelu.Forward<double>(x, y, approximate),
        (x, y, dy, dx) => Precast.Kernels.Gelu.Backward<double>(x, dy, dx, approximate),
        TestData.Uniform(Length, seed: 5, scale: 5));

    [Fact]
    public void DropoutWithAFixedMask()
    {
        var start = new Rng(7);
        var mask = new double[Length];
        CheckElementwise(
            (x, y) =>
            {
                Rng rng = start; // the same state every call, so the same mask
                Precast.Kernels.Dropout.Forward<double>(x, y, mask, 0.3, ref rng);
            },
            (x, y, dy, dx) => Precast.Kernels.Dropout.Backward<double>(mask, dy, dx),
            TestData.Uniform(Length, seed: 6));
        Assert.Contains(0.0, mask);
        Assert.Contains(1 / 0.7, mask);
    }

    [Theory]
    [InlineData(1, 37)]
    [InlineData(4, 5)]
    [InlineData(3, 16)]
    public void Softmax(int rows, int cols)
    {
        double[] x = TestData.Uniform(rows * cols, seed: 8, scale: 4);
        double[] dy = TestData.Uniform(rows * cols, seed: 9);
        var y = new double[x.Length];
        var dx = new double[x.Length];
        Precast.Kernels.Softmax.Forward<double>(x, y, rows, cols);
        Precast.Kernels.Softmax.Backward<double>(y, dy, dx, rows, cols);
        GradientCheck.Verify(point =>
        {
            var output = new double[point.Length];
            Precast.Kernels.Softmax.Forward<double>(point, output, rows, cols);
            return GradientCheck.Weighted(output, dy);
        }, x, dx);
    }

    private delegate void Forward(double[] x, double[] y);

    private delegate void Backward(double[] x, double[] y, double[] dy, double[] dx);

    private static void CheckElementwise(Forward forward, Backward backward, double[] x)
    {
        var y = new double[x.Length];
        var dx = new double[x.Length];
        forward(x, y);
        backward(x, y, Upstream, dx);
        GradientCheck.Verify(point =>
        {
            var output = new double[point.Length];
            forward(point, output);
            return GradientCheck.Weighted(output, Upstream);
        }, x, dx);
    }
}
