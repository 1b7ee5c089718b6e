using System.Numerics;
using Precast.Losses;

namespace Precast.Metrics;

/// <summary>
/// Regression errors accumulated over batches: the mean absolute error (the metric's
/// <see cref="Value"/>), the mean squared error and its root, over every output value added.
/// </summary>
/// <remarks>
/// The sums are kept in double and each batch is summed as the losses sum (in double lanes), so the
/// means stay accurate over any number of values. With nothing added every mean is 0.
/// </remarks>
public sealed class RegressionErrors : IMetric<float, float>, IMetric<double, double>
{
    private double absoluteSum;
    private double squaredSum;

    /// <summary>"mean absolute error": what <see cref="Value"/> is.</summary>
    public string Name => "mean absolute error";

    /// <summary>The mean absolute error, <see cref="MeanAbsoluteError"/>.</summary>
    public double Value => MeanAbsoluteError;

    /// <summary>The output values added (samples × outputs per sample).</summary>
    public long Count { get; private set; }

    /// <summary><c>mean(|y − t|)</c> over every value added; 0 while empty.</summary>
    public double MeanAbsoluteError => Count == 0 ? 0 : absoluteSum / Count;

    /// <summary><c>mean((y − t)²)</c> over every value added; 0 while empty.</summary>
    public double MeanSquaredError => Count == 0 ? 0 : squaredSum / Count;

    /// <summary>The square root of <see cref="MeanSquaredError"/>, in the outputs' units.</summary>
    public double RootMeanSquaredError => Math.Sqrt(MeanSquaredError);

    /// <summary>Adds a batch: each output against its target. Allocates nothing.</summary>
    /// <param name="outputs">The model's outputs.</param>
    /// <param name="targets">One target per output.</param>
    /// <exception cref="ArgumentException">The lengths differ; nothing is added.</exception>
    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) => Add(outputs, targets);

    /// <inheritdoc cref="Update(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public void Update(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets) => Add(outputs, targets);

    /// <inheritdoc/>
    public void Reset()
    {
        absoluteSum = 0;
        squaredSum = 0;
        Count = 0;
    }

    private void Add<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (targets.Length != outputs.Length)
        {
            throw new ArgumentException(
                $"RegressionErrors.Update: 'targets' has {targets.Length} values; expected {outputs.Length}, one per output.", nameof(targets));
        }
        absoluteSum += TermSum.Sum(outputs, targets, [], T.One, default(Losses.MeanAbsoluteError.Term<T>));
        squaredSum += TermSum.Sum(outputs, targets, [], T.One, default(Losses.MeanSquaredError.Term<T>));
        Count += outputs.Length;
    }
}
