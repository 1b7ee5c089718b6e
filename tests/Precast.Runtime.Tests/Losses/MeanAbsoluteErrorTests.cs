using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

public class MeanAbsoluteErrorTests
{
    [Fact]
    public void WorkedValue()
    {
        // Differences [1, −2, 0, 3]: mean of |d| 6/4 = 1.5, gradient sign(d)/4 with sign(0) = 0 as in PyTorch.
        var gradient = new float[4];
        float loss = MeanAbsoluteError.Compute<float>([2, 0, 5, 3], [1, 2, 5, 0], gradient);
        Assert.Equal(1.5f, loss);
        Assert.Equal(new[] { 0.25f, -0.25f, 0f, 0.25f }, gradient);
    }

    [Fact]
    public void EveryVectorLaneAndTheTailGetTheSign()
    {
        // 37 values: whole vectors at every width plus a scalar tail, each sign in each part.
        double[] differences = TestData.AwayFromZero(37, seed: 71);
        differences[5] = 0;
        differences[36] = 0;
        double[] targets = TestData.Uniform(37, seed: 72);
        double[] outputs = targets.Select((t, i) => t + differences[i]).ToArray();
        var gradient = new double[37];
        MeanAbsoluteError.Compute<double>(outputs, targets, gradient);
        for (int i = 0; i < 37; i++)
        {
            double difference = outputs[i] - targets[i];
            Assert.Equal(Math.Sign(difference) / 37.0, gradient[i]);
        }
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        // Differences at least 1e-3 from the kink, so a finite difference never straddles it.
        double[] targets = TestData.Uniform(29, seed: 73, scale: 3);
        double[] differences = TestData.AwayFromZero(29, seed: 74);
        double[] outputs = targets.Select((t, i) => t + differences[i]).ToArray();
        var gradient = new double[29];
        MeanAbsoluteError.Compute<double>(outputs, targets, gradient);
        GradientCheck.Verify(x => MeanAbsoluteError.Compute<double>(x, targets, []), outputs, gradient);
    }
}
