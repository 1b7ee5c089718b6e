using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// Every activation's Backward against finite differences of its Forward, in double: the scalar is
/// <c>L = Σ dy ⊙ Forward(x)</c>, whose gradient is what Backward returns for that dy. 37 values,
/// so the vector loops and their scalar tails both run; inputs stay 1e-3 away from kinks. Each runs
/// twice: overwriting dx, and accumulating into a dx that already holds values, whose change must
/// then be the gradient.
/// </summary>
public class ActivationGradientTests
{
    private const int Length = 37;

    private static readonly double[] Upstream = TestData.Uniform(Length, seed: 99);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Relu(bool accumulate) => CheckElementwise(
        (x, y) => Precast.Kernels.Relu.Forward<double>(x, y),
        (x, y, dy, dx) => Precast.Kernels.Relu.Backward<double>(y, dy, dx, accumulate),
        TestData.AwayFromZero(Length, seed: 1), accumulate);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LeakyRelu(bool accumulate) => CheckElementwise(
        (x, y) => Precast.Kernels.LeakyRelu.Forward<double>(x, y, 0.1),
        (x, y, dy, dx) => Precast.Kernels.LeakyRelu.Backward<double>(x, dy, dx, 0.1, accumulate),
        TestData.AwayFromZero(Length, seed: 2), accumulate);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sigmoid(bool accumulate) => CheckElementwise(
        (x, y) => Precast.Kernels.Sigmoid.Forward<double>(x, y),
        (x, y, dy, dx) => Precast.Kernels.Sigmoid.Backward<double>(y, dy, dx, accumulate),
        TestData.Uniform(Length, seed: 3, scale: 6), accumulate);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tanh(bool accumulate) => CheckElementwise(
        (x, y) => Precast.Kernels.Tanh.Forward<double>(x, y),
        (x, y, dy, dx) => Precast.Kernels.Tanh.Backward<double>(y, dy, dx, accumulate),
        TestData.Uniform(Length, seed: 4, scale: 3), accumulate);

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Gelu(bool approximate, bool accumulate) => CheckElementwise(
        (x, y) => Precast.Kernels.Gelu.Forward<double>(x, y, approximate),
        (x, y, dy, dx) => Precast.Kernels.Gelu.Backward<double>(x, dy, dx, approximate, accumulate),
        TestData.Uniform(Length, seed: 5, scale: 5), accumulate);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DropoutWithAFixedMask(bool accumulate)
    {
        var start = new Rng(7);
        var mask = new double[Length];
        CheckElementwise(
            (x, y) =>
            {
                Rng rng = start; // the same state every call, so the same mask
                Precast.Kernels.Dropout.Forward<double>(x, y, mask, 0.3, ref rng);
            },
            (x, y, dy, dx) => Precast.Kernels.Dropout.Backward<double>(mask, dy, dx, accumulate),
            TestData.Uniform(Length, seed: 6), accumulate);
        Assert.Contains(0.0, mask);
        Assert.Contains(1 / 0.7, mask);
    }

    [Theory]
    [InlineData(1, 37, false)]
    [InlineData(4, 5, false)]
    [InlineData(3, 16, false)]
    [InlineData(1, 37, true)]
    [InlineData(4, 5, true)]
    public void Softmax(int rows, int cols, bool accumulate)
    {
        double[] x = TestData.Uniform(rows * cols, seed: 8, scale: 4);
        double[] dy = TestData.Uniform(rows * cols, seed: 9);
        var y = new double[x.Length];
        Precast.Kernels.Softmax.Forward<double>(x, y, rows, cols);
        double[] dx = AccumulationCheck.Contribution(accumulate, x.Length, dx => Precast.Kernels.Softmax.Backward<double>(y, dy, dx, rows, cols, accumulate));
        GradientCheck.Verify(point =>
        {
            var output = new double[point.Length];
            Precast.Kernels.Softmax.Forward<double>(point, output, rows, cols);
            return GradientCheck.Weighted(output, dy);
        }, x, dx);
    }

    private delegate void Forward(double[] x, double[] y);

    private delegate void Backward(double[] x, double[] y, double[] dy, double[] dx);

    private static void CheckElementwise(Forward forward, Backward backward, double[] x, bool accumulate)
    {
        var y = new double[x.Length];
        forward(x, y);
        double[] dx = AccumulationCheck.Contribution(accumulate, x.Length, dx => backward(x, y, Upstream, dx));
        GradientCheck.Verify(point =>
        {
            var output = new double[point.Length];
            forward(point, output);
            return GradientCheck.Weighted(output, Upstream);
        }, x, dx);
    }
}
