using Precast.Losses;

namespace Precast.Runtime.Tests.Losses;

/// <summary>The loss structs a model's core holds: their options, their checks and what they forward to.</summary>
public class LossStructTests
{
    [Fact]
    public void OptionsAreCheckedAtConstruction()
    {
        var huber = Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss<float>(0));
        Assert.Contains("HuberLoss: delta is 0; expected a positive finite threshold, such as 1.", huber.Message);
        var smoothing = Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropyLoss<double>(2));
        Assert.Contains("SoftmaxCrossEntropyLoss: labelSmoothing is 2; expected a value from 0 to 1", smoothing.Message);
        smoothing = Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropyWithProbabilitiesLoss<double>(-1));
        Assert.Contains("SoftmaxCrossEntropyWithProbabilitiesLoss: labelSmoothing is -1;", smoothing.Message);
    }

    [Fact]
    public void ADefaultHuberLossSaysWhatIsMissing()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => default(HuberLoss<float>).Compute(new float[2], new float[2], [], 1, 2));
        Assert.Contains("delta is 0", error.Message);
    }

    [Fact]
    public void StructsForwardTheirOptions()
    {
        double[] outputs = [0.5, -2, 3, 1];
        double[] targets = [0, 0, 0, 1];
        Assert.Equal(Huber.Compute<double>(outputs, targets, [], 0.7), new HuberLoss<double>(0.7).Compute(outputs, targets, [], 2, 2));
        Assert.Equal(
            SoftmaxCrossEntropy.Compute<double>(outputs, [1, 0], [], 2, 2, 0.2),
            new SoftmaxCrossEntropyLoss<double>(0.2).Compute(outputs, [1, 0], [], 2, 2));
        Assert.Equal(
            SoftmaxCrossEntropy.Compute<double>(outputs, [0.5, 0.5, 0, 1.0], [], 2, 2, 0.2),
            new SoftmaxCrossEntropyWithProbabilitiesLoss<double>(0.2).Compute(outputs, [0.5, 0.5, 0, 1.0], [], 2, 2));
        Assert.Equal(KLDivergence.Compute<double>(outputs, [0.5, 0.5, 0, 1.0], [], 2, 2), default(KLDivergenceLoss<double>).Compute(outputs, [0.5, 0.5, 0, 1.0], [], 2, 2));
        Assert.Equal(MeanAbsoluteError.Compute<double>(outputs, targets, []), default(MeanAbsoluteErrorLoss<double>).Compute(outputs, targets, [], 2, 2));
    }

    [Fact]
    public void TargetsAndLinks()
    {
        Assert.Equal((true, 1), Describe<int, SoftmaxCrossEntropyLoss<float>>(10));
        Assert.Equal((false, 10), Describe<float, SoftmaxCrossEntropyWithProbabilitiesLoss<float>>(10));
        Assert.Equal((false, 10), Describe<float, KLDivergenceLoss<float>>(10));
        Assert.Equal((false, 10), Describe<float, MeanAbsoluteErrorLoss<float>>(10));
        Assert.Equal((false, 10), Describe<float, HuberLoss<float>>(10));

        // Softmax for the distribution losses, the identity for the regression ones.
        float[] outputs = [0, (float)Math.Log(3)];
        Link<float, SoftmaxCrossEntropyWithProbabilitiesLoss<float>>(outputs);
        Assert.Equal(0.25f, outputs[0], 1e-7f);
        Assert.Equal(0.75f, outputs[1], 1e-7f);
        outputs = [0, (float)Math.Log(3)];
        Link<float, KLDivergenceLoss<float>>(outputs);
        Assert.Equal(0.25f, outputs[0], 1e-7f);
        Assert.Equal(0.75f, outputs[1], 1e-7f);
        outputs = [-1, 2];
        Link<float, HuberLoss<float>>(outputs);
        Link<float, MeanAbsoluteErrorLoss<float>>(outputs);
        Assert.Equal(new[] { -1f, 2f }, outputs);
    }

    private static (bool UsesClassLabels, int TargetsPerSample) Describe<TTarget, TLoss>(int outputLength)
        where TTarget : unmanaged
        where TLoss : struct, ILoss<float, TTarget>
        => (TLoss.UsesClassLabels, TLoss.TargetsPerSample(outputLength));

    private static void Link<TTarget, TLoss>(float[] outputs)
        where TTarget : unmanaged
        where TLoss : struct, ILoss<float, TTarget>
        => TLoss.Link(outputs, 1, outputs.Length);
}
