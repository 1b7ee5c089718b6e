using Precast.Losses;
using Precast.Runtime.Tests.Numerics;
using Xunit.Abstractions;

namespace Precast.Runtime.Tests.Losses;

/// <summary>
/// Loss values over a million outputs against a double-precision reference (each term in double from
/// the same float inputs, summed with Neumaier's compensated sum). A loss that added a million float
/// terms into one float running total would be about 1e-4 off; summed in double lanes the float loss
/// is within a few rounding errors of the float result, 1e-6 relative.
/// </summary>
public class LossAccuracyTests(ITestOutputHelper output)
{
    private const int Outputs = 1_000_000;
    private const double FloatTolerance = 1e-6;
    private const double DoubleTolerance = 1e-12;

    [Fact]
    public void BinaryCrossEntropyOfZeroLogitsIsLogTwo()
    {
        // The case: every term is log 2, so the mean must be log 2 to float precision.
        var logits = new float[Outputs];
        var targets = new float[Outputs];
        float loss = SigmoidBinaryCrossEntropy.Compute<float>(logits, targets, []);
        AssertRelative(Math.Log(2), loss, FloatTolerance, "binary cross-entropy of zero logits");
    }

    [Fact]
    public void BinaryCrossEntropy()
    {
        double[] logits = TestData.Uniform(Outputs, seed: 1, scale: 4);
        double[] targets = Probabilities(Outputs, seed: 2);
        Check(
            (x, t) => SigmoidBinaryCrossEntropy.Compute<float>(x, t, []),
            (x, t) => SigmoidBinaryCrossEntropy.Compute<double>(x, t, []),
            (x, t) => Math.Max(x, 0) - x * t + Math.Log(1 + Math.Exp(-Math.Abs(x))),
            logits, targets, "binary cross-entropy");
    }

    [Fact]
    public void MeanSquaredError()
    {
        double[] outputs = TestData.Uniform(Outputs, seed: 3, scale: 3);
        double[] targets = TestData.Uniform(Outputs, seed: 4, scale: 3);
        Check(
            (y, t) => Precast.Losses.MeanSquaredError.Compute<float>(y, t, []),
            (y, t) => Precast.Losses.MeanSquaredError.Compute<double>(y, t, []),
            (y, t) => (y - t) * (y - t),
            outputs, targets, "mean squared error");
    }

    [Fact]
    public void MeanAbsoluteError()
    {
        double[] outputs = TestData.Uniform(Outputs, seed: 7, scale: 3);
        double[] targets = TestData.Uniform(Outputs, seed: 8, scale: 3);
        Check(
            (y, t) => Precast.Losses.MeanAbsoluteError.Compute<float>(y, t, []),
            (y, t) => Precast.Losses.MeanAbsoluteError.Compute<double>(y, t, []),
            (y, t) => Math.Abs(y - t),
            outputs, targets, "mean absolute error");
    }

    [Fact]
    public void Huber()
    {
        // Differences up to 6 against δ = 1.5: both the quadratic and the linear part.
        double[] outputs = TestData.Uniform(Outputs, seed: 9, scale: 3);
        double[] targets = TestData.Uniform(Outputs, seed: 10, scale: 3);
        Check(
            (y, t) => Precast.Losses.Huber.Compute<float>(y, t, [], 1.5f),
            (y, t) => Precast.Losses.Huber.Compute<double>(y, t, [], 1.5),
            (y, t) => Math.Abs(y - t) < 1.5 ? 0.5 * (y - t) * (y - t) : 1.5 * (Math.Abs(y - t) - 0.75),
            outputs, targets, "Huber");
    }

    [Theory]
    [InlineData(1000, 1000, 0.0)]
    [InlineData(1, Outputs, 0.0)]
    [InlineData(1000, 1000, 0.1)]
    [InlineData(1, Outputs, 0.1)]
    public void SoftmaxCrossEntropy(int batch, int classes, double smoothing)
    {
        double[] logits = TestData.ToDouble(TestData.ToSingle(TestData.Uniform(batch * classes, seed: 5, scale: 5)));
        int[] labels = Labels(batch, classes, seed: 6);
        double expected = ReferenceRows(logits, batch, classes, (row, r) =>
        {
            double logSum = LogSumExp(row);
            var smoothed = new CompensatedSum();
            foreach (double x in row)
                smoothed.Add(logSum - x);
            return (1 - smoothing) * (logSum - row[labels[r]]) + smoothing / classes * smoothed.Value;
        });
        AssertRelative(expected, Precast.Losses.SoftmaxCrossEntropy.Compute<float>(TestData.ToSingle(logits), labels, [], batch, classes, (float)smoothing),
            FloatTolerance, $"float cross-entropy {batch}×{classes}, ε {smoothing}");
        AssertRelative(expected, Precast.Losses.SoftmaxCrossEntropy.Compute<double>(logits, labels, [], batch, classes, smoothing),
            DoubleTolerance, $"double cross-entropy {batch}×{classes}, ε {smoothing}");
    }

    [Theory]
    [InlineData(1000, 1000, 0.0)]
    [InlineData(1, Outputs, 0.2)]
    public void SoftmaxCrossEntropyWithProbabilities(int batch, int classes, double smoothing)
    {
        double[] logits = TestData.ToDouble(TestData.ToSingle(TestData.Uniform(batch * classes, seed: 11, scale: 5)));
        double[] targets = Distributions(batch, classes, seed: 12);
        double expected = ReferenceRows(logits, batch, classes, (row, r) =>
        {
            double logSum = LogSumExp(row);
            var sum = new CompensatedSum();
            for (int c = 0; c < classes; c++)
                sum.Add(((1 - smoothing) * targets[r * classes + c] + smoothing / classes) * (logSum - row[c]));
            return sum.Value;
        });
        AssertRelative(expected, Precast.Losses.SoftmaxCrossEntropy.Compute<float>(TestData.ToSingle(logits), TestData.ToSingle(targets), [], batch, classes, (float)smoothing),
            FloatTolerance, $"float cross-entropy with probabilities {batch}×{classes}, ε {smoothing}");
        AssertRelative(expected, Precast.Losses.SoftmaxCrossEntropy.Compute<double>(logits, targets, [], batch, classes, smoothing),
            DoubleTolerance, $"double cross-entropy with probabilities {batch}×{classes}, ε {smoothing}");
    }

    [Theory]
    [InlineData(1000, 1000)]
    [InlineData(1, Outputs)]
    public void KLDivergence(int batch, int classes)
    {
        double[] logits = TestData.ToDouble(TestData.ToSingle(TestData.Uniform(batch * classes, seed: 13, scale: 5)));
        double[] targets = Distributions(batch, classes, seed: 14);
        double expected = ReferenceRows(logits, batch, classes, (row, r) =>
        {
            double logSum = LogSumExp(row);
            var sum = new CompensatedSum();
            for (int c = 0; c < classes; c++)
            {
                double t = targets[r * classes + c];
                sum.Add(t == 0 ? 0 : t * (Math.Log(t) - (row[c] - logSum)));
            }
            return sum.Value;
        });
        AssertRelative(expected, Precast.Losses.KLDivergence.Compute<float>(TestData.ToSingle(logits), TestData.ToSingle(targets), [], batch, classes),
            FloatTolerance, $"float KL divergence {batch}×{classes}");
        AssertRelative(expected, Precast.Losses.KLDivergence.Compute<double>(logits, targets, [], batch, classes),
            DoubleTolerance, $"double KL divergence {batch}×{classes}");
    }

    /// <summary>Runs an elementwise loss in float and double on the same float inputs and compares both with the reference mean.</summary>
    private void Check(
        Func<float[], float[], float> single, Func<double[], double[], double> wide, Func<double, double, double> term,
        double[] outputs, double[] targets, string what)
    {
        float[] outputs32 = TestData.ToSingle(outputs);
        float[] targets32 = TestData.ToSingle(targets);
        double[] outputs64 = TestData.ToDouble(outputs32);
        double[] targets64 = TestData.ToDouble(targets32);
        var sum = new CompensatedSum();
        for (int i = 0; i < outputs64.Length; i++)
            sum.Add(term(outputs64[i], targets64[i]));
        double expected = sum.Value / outputs64.Length;
        AssertRelative(expected, single(outputs32, targets32), FloatTolerance, "float " + what);
        AssertRelative(expected, wide(outputs64, targets64), DoubleTolerance, "double " + what);
    }

    /// <summary>The mean over rows of a per-row loss, summed with compensation.</summary>
    private static double ReferenceRows(double[] values, int batch, int classes, Func<double[], int, double> rowLoss)
    {
        var sum = new CompensatedSum();
        for (int r = 0; r < batch; r++)
            sum.Add(rowLoss(values.AsSpan(r * classes, classes).ToArray(), r));
        return sum.Value / batch;
    }

    private static double LogSumExp(double[] row)
    {
        double max = row.Max();
        var sum = new CompensatedSum();
        foreach (double x in row)
            sum.Add(Math.Exp(x - max));
        return max + Math.Log(sum.Value);
    }

    private static double[] Probabilities(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();
    }

    /// <summary>Rows of positive values summing to 1 (to float precision: they are rounded to float), one in ten of them zero.</summary>
    private static double[] Distributions(int batch, int classes, int seed)
    {
        var random = new Random(seed);
        var values = new double[batch * classes];
        for (int r = 0; r < batch; r++)
        {
            Span<double> row = values.AsSpan(r * classes, classes);
            for (int c = 0; c < classes; c++)
                row[c] = random.Next(10) == 0 ? 0 : random.NextDouble();
            double sum = 0;
            foreach (double v in row)
                sum += v;
            for (int c = 0; c < classes; c++)
                row[c] = (float)(row[c] / sum);
        }
        return values;
    }

    private static int[] Labels(int batch, int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray();
    }

    /// <summary>Fails beyond the tolerance; writes the relative error to the test output either way (the accuracy reported in reviews).</summary>
    private void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double error = Math.Abs(actual - expected) / Math.Abs(expected);
        output.WriteLine($"{what}: relative error {error:E2}");
        Assert.True(error <= tolerance, $"{what}: {actual:R}, reference {expected:R}, relative error {error:E2} (tolerance {tolerance:E0}).");
    }

    /// <summary>Neumaier's compensated sum: the reference total, exact to a few units in the last place of a double.</summary>
    private struct CompensatedSum
    {
        private double _sum;
        private double _compensation;

        public readonly double Value => _sum + _compensation;

        public void Add(double value)
        {
            double total = _sum + value;
            _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - total) + value : (value - total) + _sum;
            _sum = total;
        }
    }
}
