using Precast.Losses;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Losses;

public class KLDivergenceTests
{
    [Fact]
    public void WorkedValues()
    {
        // Row 1: logits [0, ln 3] give softmax [¼, ¾]; against [½, ½] the divergence is
        // ½·ln(½/¼) + ½·ln(½/¾) = ½·ln(4/3), and the gradient p − t = [−¼, ¼].
        // Row 2: logits [0, 0] against [1, 0]: the zero target adds nothing, 1·ln(1/½) = ln 2; gradient [−½, ½].
        // Mean over the 2 rows.
        var gradient = new double[4];
        double loss = KLDivergence.Compute<double>([0, Math.Log(3), 0, 0], [0.5, 0.5, 1, 0], gradient, batch: 2, classes: 2);
        Assert.Equal((0.5 * Math.Log(4.0 / 3) + Math.Log(2)) / 2, loss, 1e-15);
        double[] expected = [-0.125, 0.125, -0.25, 0.25];
        for (int i = 0; i < 4; i++)
            Assert.Equal(expected[i], gradient[i], 1e-15);
    }

    [Fact]
    public void ZeroWhenTheModelMatchesTheTarget()
    {
        double[] logits = TestData.Uniform(3 * 7, seed: 91, scale: 3);
        double[] targets = Softmax(logits, 3, 7);
        var gradient = new double[21];
        Assert.Equal(0, KLDivergence.Compute<double>(logits, targets, gradient, 3, 7), 1e-15);
        Assert.All(gradient, g => Assert.Equal(0, g, 1e-16));
    }

    [Fact]
    public void IsCrossEntropyMinusTheTargetsEntropy()
    {
        const int Batch = 3, Classes = 11;
        double[] logits = TestData.Uniform(Batch * Classes, seed: 92, scale: 4);
        double[] targets = Softmax(TestData.Uniform(Batch * Classes, seed: 93, scale: 2), Batch, Classes);
        targets[4] = 0;
        double entropy = -targets.Sum(t => t == 0 ? 0 : t * Math.Log(t)) / Batch;
        var divergenceGradient = new double[logits.Length];
        var crossEntropyGradient = new double[logits.Length];
        double divergence = KLDivergence.Compute<double>(logits, targets, divergenceGradient, Batch, Classes);
        double crossEntropy = SoftmaxCrossEntropy.Compute<double>(logits, targets, crossEntropyGradient, Batch, Classes);
        Assert.Equal(crossEntropy - entropy, divergence, 1e-14);
        Assert.Equal(crossEntropyGradient, divergenceGradient);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        const int Batch = 4, Classes = 13;
        double[] logits = TestData.Uniform(Batch * Classes, seed: 94, scale: 3);
        // Rows that do not sum to 1 as well: the gradient is exact for any targets.
        double[] targets = TestData.Uniform(Batch * Classes, seed: 95).Select(v => (v + 1) / 4).ToArray();
        targets[7] = 0;
        var gradient = new double[logits.Length];
        KLDivergence.Compute<double>(logits, targets, gradient, Batch, Classes);
        GradientCheck.Verify(x => KLDivergence.Compute<double>(x, targets, [], Batch, Classes), logits, gradient);
    }

    [Fact]
    public void HugeLogitsStayFinite()
    {
        // softmax([1e30, 0]) is [1, 0] in float; against [½, ½] the divergence is ½·ln ½ + ½·(ln ½ + 1e30).
        var gradient = new float[2];
        float loss = KLDivergence.Compute<float>([1e30f, 0], [0.5f, 0.5f], gradient, 1, 2);
        Assert.Equal(5e29f, loss);
        Assert.Equal(new[] { 0.5f, -0.5f }, gradient);
    }

    /// <summary>Row-wise softmax, as a reference.</summary>
    internal static double[] Softmax(double[] logits, int batch, int classes)
    {
        var result = new double[logits.Length];
        for (int r = 0; r < batch; r++)
        {
            var row = logits.AsSpan(r * classes, classes);
            double max = row.ToArray().Max();
            double sum = 0;
            for (int c = 0; c < classes; c++)
                sum += result[r * classes + c] = Math.Exp(row[c] - max);
            for (int c = 0; c < classes; c++)
                result[r * classes + c] /= sum;
        }
        return result;
    }
}
