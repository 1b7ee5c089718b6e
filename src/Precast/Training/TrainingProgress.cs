namespace Precast.Training;

/// <summary>
/// A progress report from a <see cref="ProgressReporter"/>: after a batch (<see cref="IsEpochEnd"/>
/// false) or after an epoch with its results (<see cref="IsEpochEnd"/> true).
/// </summary>
/// <param name="Epoch">The epoch, from 0.</param>
/// <param name="Epochs">The epoch training stops before: show <c>Epoch + 1</c> of <c>Epochs</c>.</param>
/// <param name="Batch">Batches finished in the epoch.</param>
/// <param name="BatchesPerEpoch">Batches in each epoch.</param>
/// <param name="Loss">The epoch's mean loss so far.</param>
/// <param name="SamplesPerSecond">Training samples per second in the epoch so far.</param>
/// <param name="LearningRate">The optimizer's (default group's) learning rate.</param>
/// <param name="Elapsed">Time since the epoch began.</param>
/// <param name="Metrics">At an epoch's end, its results (<c>loss</c>, metrics, <c>val_</c> ones); null after a batch.</param>
public readonly record struct TrainingProgress(
    int Epoch, int Epochs, int Batch, int BatchesPerEpoch, double Loss, double SamplesPerSecond, double LearningRate, TimeSpan Elapsed,
    MetricValues? Metrics)
{
    /// <summary>Whether this reports a finished epoch (with <see cref="Metrics"/>) rather than a batch.</summary>
    public bool IsEpochEnd => Metrics is not null;
}
