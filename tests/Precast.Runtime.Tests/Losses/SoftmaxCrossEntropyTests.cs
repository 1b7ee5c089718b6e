using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void WorkedValue()
    {
        // Row [1, 2, 3] with label 2: logsumexp = 3 + log(e^-2 + e^-1 + 1) = 3.4076059644; loss 0.4076059644.
        // Row [0, 0, 0] with label 0: log 3 = 1.09861229. Mean 0.75310912.
        var gradient = new double[6];
        double loss = SoftmaxCrossEntropy.Compute<double>([1, 2, 3, 0, 0, 0], [2, 0], gradient, 2, 3);
        Assert.Equal((0.4076059644443806 + Math.Log(3)) / 2, loss, 1e-15);
        double[] expected = [0.09003057317038046 / 2, 0.24472847105479767 / 2, (0.6652409557748219 - 1) / 2, (1 / 3.0 - 1) / 2, 1 / 6.0, 1 / 6.0];
        for (int i = 0; i < 6; i++)
            Assert.Equal(expected[i], gradient[i], 1e-15);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        const int Batch = 4, Classes = 7;
        double[] logits = TestData.Uniform(Batch * Classes, seed: 41, scale: 3);
        int[] labels = [6, 0, 3, 3];
        var gradient = new double[logits.Length];
        SoftmaxCrossEntropy.Compute<double>(logits, labels, gradient, Batch, Classes);
        GradientCheck.Verify(x => SoftmaxCrossEntropy.Compute<double>(x, labels, [], Batch, Classes), logits, gradient);
    }

    [Fact]
    public void LossAloneEqualsLossWithGradient()
    {
        float[] logits = TestData.ToSingle(TestData.Uniform(3 * 10, seed: 42, scale: 5));
        int[] labels = [1, 9, 4];
        float alone = SoftmaxCrossEntropy.Compute<float>(logits, labels, [], 3, 10);
        float withGradient = SoftmaxCrossEntropy.Compute<float>(logits, labels, new float[30], 3, 10);
        Assert.Equal(alone, withGradient);
    }

    [Fact]
    public void HugeLogitsStayFinite()
    {
        // Without subtracting the maximum, e^1e30 would overflow; the right answers are exact here.
        var gradient = new float[6];
        float loss = SoftmaxCrossEntropy.Compute<float>([1e30f, 0, -1e30f, 3e38f, -3e38f, 0], [0, 2], gradient, 2, 3);
        Assert.Equal(3e38f / 2, loss);
        Assert.Equal(new float[] { 0, 0, 0, 0.5f, 0, -0.5f }, gradient);
    }

    [Fact]
    public void LabelOutOfRangeIsNamed()
    {
        var labels = new int[20];
        labels[17] = 10;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SoftmaxCrossEntropy.Compute<float>(new float[200], labels, [], 20, 10));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[17] is 10; expected a class index in [0, 10).", error.Message);

        labels[17] = -1;
        error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SoftmaxCrossEntropy.Compute<float>(new float[200], labels, [], 20, 10));
        Assert.Contains("labels[17] is -1;", error.Message);
    }
}
