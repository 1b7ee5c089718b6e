using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

public class MeanSquaredErrorTests
{
    [Fact]
    public void WorkedValue()
    {
        // Differences [1, −2, 0, 3]: mean of squares 14/4 = 3.5, gradient 2·d/4.
        var gradient = new float[4];
        float loss = MeanSquaredError.Compute<float>([2, 0, 5, 3], [1, 2, 5, 0], gradient);
        Assert.Equal(3.5f, loss);
        Assert.Equal(new[] { 0.5f, -1f, 0f, 1.5f }, gradient);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        double[] outputs = TestData.Uniform(29, seed: 61, scale: 3);
        double[] targets = TestData.Uniform(29, seed: 62, scale: 3);
        var gradient = new double[29];
        MeanSquaredError.Compute<double>(outputs, targets, gradient);
        GradientCheck.Verify(x => MeanSquaredError.Compute<double>(x, targets, []), outputs, gradient);
    }
}
