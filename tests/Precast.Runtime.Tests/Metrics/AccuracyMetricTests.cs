using Precast.Metrics;

namespace Precast.Runtime.Tests.Metrics;

/// <summary>Accuracy and top-k accuracy as metrics accumulated over batches.</summary>
public class AccuracyMetricTests
{
    // Four samples of four classes. Rankings: row 0 → 1, 2, 3, 0; row 1 → 0, 3, 2, 1; row 2 → 3, 2, 1, 0; row 3 → 2, 0, 1, 3.
    private static readonly float[] Outputs =
    [
        0.1f, 0.4f, 0.3f, 0.2f,
        0.9f, 0.0f, 0.02f, 0.08f,
        -1f, 0f, 1f, 2f,
        0.3f, 0.2f, 0.5f, 0.0f,
    ];

    // Label positions in their row's ranking: 1st, 3rd, 2nd, 4th.
    private static readonly int[] Labels = [1, 2, 2, 3];

    [Theory]
    [InlineData(1, 0.25, "accuracy")]
    [InlineData(2, 0.5, "top-2 accuracy")]
    [InlineData(3, 0.75, "top-3 accuracy")]
    [InlineData(4, 1.0, "top-4 accuracy")]
    public void AccumulatesOverBatches(int topK, double expected, string name)
    {
        var metric = new Accuracy(classes: 4, topK);
        metric.Update(Outputs.AsSpan(0, 8), Labels.AsSpan(0, 2));
        metric.Update(Outputs.AsSpan(8), Labels.AsSpan(2));
        Assert.Equal(expected, metric.Value);
        Assert.Equal(4, metric.Total);
        Assert.Equal((long)(expected * 4), metric.Correct);
        Assert.Equal(name, metric.Name);
    }

    [Fact]
    public void ProbabilityTargetsAreReadByTheirLargestProbability()
    {
        // One-hot rows for labels 1 and 2, then soft rows whose largest probability is class 2.
        double[] targets =
        [
            0, 1, 0, 0,
            0, 0, 1, 0,
            0.1, 0.2, 0.5, 0.2,
            0.1, 0.1, 0.4, 0.4,
        ];
        // Row 3 ties 2 and 3 at 0.4: the lower class, 2, is its label, which its outputs rank first.
        var metric = new Accuracy(classes: 4, topK: 1);
        metric.Update(Outputs.Select(v => (double)v).ToArray(), targets);
        Assert.Equal(2, metric.Correct);
        Assert.Equal(0.5, metric.Value);
    }

    [Fact]
    public void FloatAndDoubleOutputsAgree()
    {
        var single = new Accuracy(4, topK: 2);
        var wide = new Accuracy(4, topK: 2);
        single.Update(Outputs, Labels);
        wide.Update(Outputs.Select(v => (double)v).ToArray(), Labels);
        Assert.Equal(single.Value, wide.Value);
        Assert.Equal(Accuracy.CountCorrect(Outputs, Labels, 4, topK: 2), single.Correct);
    }

    [Fact]
    public void ResetForgetsAndEmptyIsZero()
    {
        var metric = new Accuracy(4);
        Assert.Equal(0, metric.Value);
        metric.Update(Outputs, Labels);
        metric.Reset();
        Assert.Equal(0, metric.Total);
        Assert.Equal(0, metric.Value);
    }

    [Fact]
    public void ABadBatchIsNamedAndChangesNothing()
    {
        var metric = new Accuracy(4);
        metric.Update(Outputs, Labels);
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => metric.Update(Outputs, [1, 2, 4, 0]));
        Assert.Contains("Accuracy.CountCorrect: labels[2] is 4; expected a class index from 0 to 3.", label.Message);
        var targets = Assert.Throws<ArgumentException>(() => metric.Update(Outputs, new float[8]));
        Assert.Contains("Accuracy.Update: 'targets' has 8 values; expected 16, a probability for each output.", targets.Message);
        Assert.Equal(4, metric.Total);
        Assert.Equal(1, metric.Correct);
    }

    [Fact]
    public void ConstructorChecksItsArguments()
    {
        Assert.Contains("Accuracy: classes is 0; expected at least 1.", Assert.Throws<ArgumentOutOfRangeException>(() => new Accuracy(0)).Message);
        Assert.Contains("Accuracy: topK is 5; expected 1 to 4 (the number of classes).", Assert.Throws<ArgumentOutOfRangeException>(() => new Accuracy(4, topK: 5)).Message);
    }

    [Fact]
    public void UpdatingAllocatesNothing()
    {
        var metric = new Accuracy(4, topK: 2);
        IMetric<float, int> asMetric = metric;
        float[] targets = new float[16];
        Allocations.AssertNone(() =>
        {
            asMetric.Update(Outputs, Labels);
            metric.Update(Outputs, targets);
            _ = asMetric.Value;
        });
    }
}
