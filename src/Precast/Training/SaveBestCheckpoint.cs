namespace Precast.Training;

/// <summary>
/// Saves a checkpoint at the end of every epoch whose monitored result (by default <c>val_loss</c>)
/// is the best so far, replacing the previous one atomically, so the file always holds the best
/// model seen, whatever happens to training later.
/// <code>
/// trainer.Callbacks.Add(new SaveBestCheckpoint("best.safetensors") { Monitor = "val_accuracy" });
/// </code>
/// </summary>
/// <remarks>The checkpoint is a full training checkpoint (optimizer state and position included); see <see cref="TrainingContext.SaveCheckpoint"/>.</remarks>
public sealed class SaveBestCheckpoint : ITrainingCallback
{
    private MonitoredValue? _monitor;

    /// <summary>Saves to <paramref name="path"/>.</summary>
    /// <param name="path">The checkpoint file to create or replace.</param>
    public SaveBestCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>The epoch result to watch: <c>val_loss</c> (the default), <c>val_accuracy</c>, <c>loss</c>, a metric's name.</summary>
    public string Monitor { get; init; } = "val_" + MetricValues.Loss;

    /// <summary>Whether the value improves by falling or rising; by default decided from its name.</summary>
    public MonitorMode Mode { get; init; }

    /// <summary>The least change that counts as an improvement; 0 by default.</summary>
    public double MinDelta { get; init; }

    /// <summary>The best value of the latest run; NaN before any.</summary>
    public double Best => _monitor?.Best ?? double.NaN;

    /// <summary>The epoch whose weights the checkpoint holds, from 0; −1 before any was saved.</summary>
    public int SavedEpoch => _monitor?.BestEpoch ?? -1;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        _monitor ??= new MonitoredValue(nameof(SaveBestCheckpoint), Monitor, Mode, MinDelta);
        _monitor.Start(context);
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context)
    {
        if (_monitor!.Improved(context))
            context.SaveCheckpoint(Path);
    }
}
