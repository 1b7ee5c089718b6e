namespace Precast.Training;

/// <summary>
/// Reports training progress to an <see cref="IProgress{T}"/>: every <see cref="BatchInterval"/>
/// batches (and after each epoch's last), then once more at the epoch's end with its results.
/// <code>
/// trainer.Callbacks.Add(new ProgressReporter(new Progress&lt;TrainingProgress&gt;(p =>
///     Console.WriteLine($"epoch {p.Epoch + 1}/{p.Epochs} batch {p.Batch}/{p.BatchesPerEpoch} loss {p.Loss:F4}"))));
/// </code>
/// </summary>
/// <remarks>
/// <see cref="Progress{T}"/> hands each report to the thread pool or the UI's synchronization
/// context, which allocates; for reports on every batch with no allocation, implement
/// <see cref="IProgress{T}"/> directly (the report is a struct), or raise <see cref="BatchInterval"/>.
/// </remarks>
public sealed class ProgressReporter : ITrainingCallback
{
    private readonly IProgress<TrainingProgress> _progress;

    /// <summary>Reports to <paramref name="progress"/>.</summary>
    public ProgressReporter(IProgress<TrainingProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _progress = progress;
    }

    /// <summary>Batches between reports within an epoch; at least 1, 1 by default.</summary>
    public int BatchInterval
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ProgressReporter: BatchInterval must be at least 1.");
    } = 1;

    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context)
    {
        int done = context.Batch + 1;
        if (done % BatchInterval == 0 || done == context.BatchesPerEpoch)
            _progress.Report(Report(context, metrics: null));
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context) => _progress.Report(Report(context, context.Metrics.Copy()));

    private static TrainingProgress Report(TrainingContext context, MetricValues? metrics) => new(
        context.Epoch, context.Epochs, context.Batch + 1, context.BatchesPerEpoch, context.Loss, context.SamplesPerSecond,
        context.LearningRate, context.EpochElapsed, metrics);
}
