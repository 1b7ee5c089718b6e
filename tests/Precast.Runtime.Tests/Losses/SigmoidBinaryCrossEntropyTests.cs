using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

public class SigmoidBinaryCrossEntropyTests
{
    [Fact]
    public void WorkedValueFromTheDesign()
    {
        // DESIGN §6: logits 1..7, labels [1,1,1,0,0,1,0] give these per-element losses.
        double[] perElement = [0.31326, 0.12693, 0.04859, 4.01815, 5.00672, 0.00248, 7.00091];
        double[] logits = [1, 2, 3, 4, 5, 6, 7];
        double[] targets = [1, 1, 1, 0, 0, 1, 0];
        for (int i = 0; i < 7; i++)
            Assert.Equal(perElement[i], SigmoidBinaryCrossEntropy.Compute<double>(logits.AsSpan(i, 1), targets.AsSpan(i, 1), []), 5e-6);
        Assert.Equal(perElement.Average(), SigmoidBinaryCrossEntropy.Compute<double>(logits, targets, []), 5e-6);
        Assert.Equal(perElement.Average(), SigmoidBinaryCrossEntropy.Compute<float>(TestData.ToSingle(logits), TestData.ToSingle(targets), []), 5e-6);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        double[] logits = TestData.Uniform(23, seed: 51, scale: 6);
        double[] targets = TestData.Uniform(23, seed: 52).Select(v => (v + 1) / 2).ToArray();
        var gradient = new double[23];
        SigmoidBinaryCrossEntropy.Compute<double>(logits, targets, gradient);
        GradientCheck.Verify(x => SigmoidBinaryCrossEntropy.Compute<double>(x, targets, []), logits, gradient);
    }

    [Fact]
    public void ExtremeLogitsStayFiniteAndAccurate()
    {
        // x = 40, z = 1: the loss is log(1 + e^-40) = 4.248354255291589e-18, which log(1 + u) would round to 0.
        Assert.Equal(4.248354255291589e-18, SigmoidBinaryCrossEntropy.Compute<double>([40.0], [1.0], []), 1e-30);
        // x = −1e6, z = 1: the loss is 1e6, and σ(x) − z = −1.
        var gradient = new float[2];
        float loss = SigmoidBinaryCrossEntropy.Compute<float>([-1e6f, 1e6f], [1f, 1f], gradient);
        Assert.Equal(5e5f, loss);
        Assert.Equal(new[] { -0.5f, 0f }, gradient);
    }
}
