using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

/// <summary>Softmax cross-entropy against probability targets, and label smoothing with either kind of target.</summary>
public class SoftmaxCrossEntropyTargetsTests
{
    [Fact]
    public void OneHotTargetsGiveTheLabelsResult()
    {
        const int Batch = 5, Classes = 9;
        double[] logits = TestData.Uniform(Batch * Classes, seed: 101, scale: 4);
        int[] labels = [8, 0, 3, 3, 5];
        double[] oneHot = OneHot(labels, Classes);
        var labelGradient = new double[logits.Length];
        var oneHotGradient = new double[logits.Length];
        double labelLoss = SoftmaxCrossEntropy.Compute<double>(logits, labels, labelGradient, Batch, Classes);
        double oneHotLoss = SoftmaxCrossEntropy.Compute<double>(logits, oneHot, oneHotGradient, Batch, Classes);
        Assert.Equal(labelLoss, oneHotLoss, 1e-15);
        for (int i = 0; i < logits.Length; i++)
            Assert.Equal(labelGradient[i], oneHotGradient[i], 1e-16);
    }

    [Fact]
    public void SoftTargetsWorkedValue()
    {
        // Row [1, 2, 3] against [0.2, 0.3, 0.5]: logsumexp 3.4076059644443806, Σ t·x = 2.3, loss 1.1076059644443806;
        // gradient softmax − t.
        var gradient = new double[3];
        double loss = SoftmaxCrossEntropy.Compute<double>([1, 2, 3], [0.2, 0.3, 0.5], gradient, 1, 3);
        Assert.Equal(1.1076059644443806, loss, 1e-15);
        double[] expected = [0.09003057317038046 - 0.2, 0.24472847105479767 - 0.3, 0.6652409557748219 - 0.5];
        for (int i = 0; i < 3; i++)
            Assert.Equal(expected[i], gradient[i], 1e-15);
    }

    [Fact]
    public void LabelSmoothingWorkedValue()
    {
        // Row [1, 2, 3], label 2, ε = 0.3: the target is [0.1, 0.1, 0.8]; loss logsumexp − Σ t'·x =
        // 3.4076059644443806 − 2.7; gradient softmax − t'.
        var gradient = new double[3];
        double loss = SoftmaxCrossEntropy.Compute<double>([1, 2, 3], [2], gradient, 1, 3, labelSmoothing: 0.3);
        Assert.Equal(0.7076059644443806, loss, 1e-15);
        double[] expected = [0.09003057317038046 - 0.1, 0.24472847105479767 - 0.1, 0.6652409557748219 - 0.8];
        for (int i = 0; i < 3; i++)
            Assert.Equal(expected[i], gradient[i], 1e-15);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public void LabelSmoothingIsTheSameForLabelsAndForOneHotTargets(double smoothing)
    {
        const int Batch = 4, Classes = 11;
        double[] logits = TestData.Uniform(Batch * Classes, seed: 102, scale: 3);
        int[] labels = [10, 2, 2, 7];
        var labelGradient = new double[logits.Length];
        var oneHotGradient = new double[logits.Length];
        double labelLoss = SoftmaxCrossEntropy.Compute<double>(logits, labels, labelGradient, Batch, Classes, smoothing);
        double oneHotLoss = SoftmaxCrossEntropy.Compute<double>(logits, OneHot(labels, Classes), oneHotGradient, Batch, Classes, smoothing);
        Assert.Equal(labelLoss, oneHotLoss, 1e-14);
        for (int i = 0; i < logits.Length; i++)
            Assert.Equal(labelGradient[i], oneHotGradient[i], 1e-16);
    }

    [Fact]
    public void FullSmoothingIsCrossEntropyAgainstTheUniformDistribution()
    {
        // ε = 1 ignores the label: the loss is logsumexp − mean(x), whatever the label.
        double[] logits = [1, 2, 3, 7];
        double expected = Math.Log(logits.Sum(Math.Exp)) - logits.Average();
        Assert.Equal(expected, SoftmaxCrossEntropy.Compute<double>(logits, [0], [], 1, 4, labelSmoothing: 1), 1e-15);
        Assert.Equal(expected, SoftmaxCrossEntropy.Compute<double>(logits, [3], [], 1, 4, labelSmoothing: 1), 1e-15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.15)]
    public void GradientsMatchFiniteDifferences(double smoothing)
    {
        const int Batch = 4, Classes = 13;
        double[] logits = TestData.Uniform(Batch * Classes, seed: 103, scale: 3);
        int[] labels = [12, 0, 5, 5];
        var gradient = new double[logits.Length];
        SoftmaxCrossEntropy.Compute<double>(logits, labels, gradient, Batch, Classes, smoothing);
        GradientCheck.Verify(x => SoftmaxCrossEntropy.Compute<double>(x, labels, [], Batch, Classes, smoothing), logits, gradient);

        // Soft targets whose rows do not sum to 1: the gradient softmax·Σt' − t' is exact for any targets.
        double[] targets = TestData.Uniform(Batch * Classes, seed: 104).Select(v => (v + 1) / 3).ToArray();
        SoftmaxCrossEntropy.Compute<double>(logits, targets, gradient, Batch, Classes, smoothing);
        GradientCheck.Verify(x => SoftmaxCrossEntropy.Compute<double>(x, targets, [], Batch, Classes, smoothing), logits, gradient);
    }

    [Theory]
    [InlineData(-0.1, "-0.1")]
    [InlineData(1.5, "1.5")]
    [InlineData(double.NaN, "NaN")]
    public void LabelSmoothingMustBeFromZeroToOne(double smoothing, string shown)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropy.Compute<double>(new double[4], [0, 1], [], 2, 2, smoothing));
        Assert.Equal("labelSmoothing", error.ParamName);
        Assert.Contains($"SoftmaxCrossEntropy.Compute: labelSmoothing is {shown}; expected a value from 0 to 1, such as 0.1.", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropy.Compute<double>(new double[4], new double[4], [], 2, 2, smoothing));
        Assert.Equal("labelSmoothing", error.ParamName);
    }

    private static double[] OneHot(int[] labels, int classes)
    {
        var values = new double[labels.Length * classes];
        for (int r = 0; r < labels.Length; r++)
            values[r * classes + labels[r]] = 1;
        return values;
    }
}
