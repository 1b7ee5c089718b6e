using System.Numerics;
using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

/// <summary>
/// What every loss promises besides its formula, checked for each: the gradient may overwrite the
/// inputs it is computed from, a wrong length is an error naming the argument and the method, and
/// computing allocates nothing, with the gradient or without. Elementwise losses compare outputs with
/// one target each; row losses compare rows of logits with a label or a distribution per row.
/// </summary>
public class LossContractTests
{
    private const int Batch = 3;
    private const int Classes = 7;

    public static TheoryData<string> ElementwiseLosses => ["MeanSquaredError", "MeanAbsoluteError", "Huber", "SigmoidBinaryCrossEntropy"];

    public static TheoryData<string> RowLosses => ["SoftmaxCrossEntropy", "SoftmaxCrossEntropySmoothed", "SoftmaxCrossEntropyProbabilities", "KLDivergence"];

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void ElementwiseGradientMayOverwriteTheOutputs(string loss)
    {
        double[] outputs = TestData.Uniform(19, seed: 111, scale: 3);
        double[] targets = TestData.Uniform(19, seed: 112).Select(v => (v + 1) / 2).ToArray();
        var expected = new double[19];
        double value = Elementwise<double>(loss, outputs, targets, expected);
        Assert.Equal(value, Elementwise<double>(loss, outputs, targets, outputs));
        Assert.Equal(expected, outputs);
    }

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void ElementwiseLengthsAreChecked(string loss)
    {
        string method = loss == "Huber" ? "Huber.Compute" : loss + ".Compute";
        string outputs = loss == "SigmoidBinaryCrossEntropy" ? "logits" : "outputs";
        var error = Assert.Throws<ArgumentException>(() => Elementwise<double>(loss, new double[4], new double[5], []));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains($"{method}: 'targets' has 5 values; expected 4, the length of '{outputs}'.", error.Message);
        error = Assert.Throws<ArgumentException>(() => Elementwise<double>(loss, new double[4], new double[4], new double[3]));
        Assert.Equal("gradient", error.ParamName);
        Assert.Contains($"{method}: 'gradient' has 3 values; expected 4 (one per input), or none to compute only the loss.", error.Message);
        error = Assert.Throws<ArgumentException>(() => Elementwise<double>(loss, [], [], []));
        Assert.Equal(outputs, error.ParamName);
        Assert.Contains($"{method}: '{outputs}' is empty", error.Message);
    }

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void ElementwiseAllocatesNothing(string loss)
    {
        var outputs = new float[643];
        var targets = new float[643];
        var gradient = new float[643];
        Allocations.AssertNone(() =>
        {
            Elementwise<float>(loss, outputs, targets, gradient);
            Elementwise<float>(loss, outputs, targets, []);
        });
    }

    [Theory]
    [MemberData(nameof(RowLosses))]
    public void RowGradientMayOverwriteTheLogits(string loss)
    {
        double[] logits = TestData.Uniform(Batch * Classes, seed: 113, scale: 3);
        double[] targets = KLDivergenceTests.Softmax(TestData.Uniform(Batch * Classes, seed: 114), Batch, Classes);
        int[] labels = [6, 0, 3];
        var expected = new double[logits.Length];
        double value = Rows<double>(loss, logits, labels, targets, expected);
        Assert.Equal(value, Rows<double>(loss, logits, labels, targets, logits));
        Assert.Equal(expected, logits);
    }

    [Theory]
    [MemberData(nameof(RowLosses))]
    public void RowLengthsAreChecked(string loss)
    {
        string method = loss == "KLDivergence" ? "KLDivergence.Compute" : "SoftmaxCrossEntropy.Compute";
        var error = Assert.Throws<ArgumentException>(() => Rows<float>(loss, new float[20], new int[Batch], new float[21], [], batch: Batch));
        Assert.Equal("logits", error.ParamName);
        Assert.Contains($"{method}: 'logits' has 20 values; expected 21 (batch × classes = 3 × 7).", error.Message);
        error = Assert.Throws<ArgumentException>(() => Rows<float>(loss, new float[21], new int[Batch], new float[21], new float[5], batch: Batch));
        Assert.Equal("gradient", error.ParamName);
        Assert.Contains($"{method}: 'gradient' has 5 values; expected 21 (one per input), or none to compute only the loss.", error.Message);
        if (loss.StartsWith("SoftmaxCrossEntropy", StringComparison.Ordinal) && !loss.EndsWith("Probabilities", StringComparison.Ordinal))
        {
            error = Assert.Throws<ArgumentException>(() => Rows<float>(loss, new float[21], new int[2], new float[21], [], batch: Batch));
            Assert.Equal("labels", error.ParamName);
            Assert.Contains($"{method}: 'labels' has 2 values; expected 3 (one per row).", error.Message);
        }
        else
        {
            error = Assert.Throws<ArgumentException>(() => Rows<float>(loss, new float[21], new int[Batch], new float[20], [], batch: Batch));
            Assert.Equal("targets", error.ParamName);
            Assert.Contains($"{method}: 'targets' has 20 values; expected 21, the length of 'logits'.", error.Message);
        }
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Rows<float>(loss, [], [], [], [], batch: 0));
        Assert.Equal("batch", range.ParamName);
    }

    [Theory]
    [MemberData(nameof(RowLosses))]
    public void RowAllocatesNothing(string loss)
    {
        const int batch = 64, classes = 10;
        var logits = new float[batch * classes];
        var targets = new float[batch * classes];
        var labels = new int[batch];
        var gradient = new float[batch * classes];
        Allocations.AssertNone(() =>
        {
            Rows<float>(loss, logits, labels, targets, gradient, batch, classes);
            Rows<float>(loss, logits, labels, targets, [], batch, classes);
        });
    }

    private static T Elementwise<T>(string loss, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T> => loss switch
        {
            "MeanSquaredError" => MeanSquaredError.Compute(outputs, targets, gradient),
            "MeanAbsoluteError" => MeanAbsoluteError.Compute(outputs, targets, gradient),
            "Huber" => Huber.Compute(outputs, targets, gradient, T.CreateTruncating(0.8)),
            "SigmoidBinaryCrossEntropy" => SigmoidBinaryCrossEntropy.Compute(outputs, targets, gradient),
            _ => throw new ArgumentException($"No elementwise loss '{loss}'.", nameof(loss)),
        };

    private static T Rows<T>(
        string loss, ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, Span<T> gradient, int batch = Batch, int classes = Classes)
        where T : unmanaged, IFloatingPointIeee754<T> => loss switch
        {
            "SoftmaxCrossEntropy" => SoftmaxCrossEntropy.Compute(logits, labels, gradient, batch, classes),
            "SoftmaxCrossEntropySmoothed" => SoftmaxCrossEntropy.Compute(logits, labels, gradient, batch, classes, T.CreateTruncating(0.1)),
            "SoftmaxCrossEntropyProbabilities" => SoftmaxCrossEntropy.Compute(logits, targets, gradient, batch, classes, T.CreateTruncating(0.1)),
            "KLDivergence" => KLDivergence.Compute(logits, targets, gradient, batch, classes),
            _ => throw new ArgumentException($"No row loss '{loss}'.", nameof(loss)),
        };
}
