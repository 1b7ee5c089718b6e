using System.Globalization;

namespace Precast.Training;

/// <summary>
/// Stops training when a monitored result (by default <c>val_loss</c>) has not improved for
/// <see cref="Patience"/> epochs in a row, and puts back the weights of the best epoch when training
/// ends: after a stop, and also when training runs to its last epoch, where Keras's
/// <c>EarlyStopping(restore_best_weights=True)</c> leaves the last epoch's weights.
/// <code>
/// trainer.Callbacks.Add(new EarlyStopping { Monitor = "val_accuracy", Patience = 3 });
/// </code>
/// </summary>
/// <remarks>
/// The best weights are copied at each improvement into one buffer the size of the model's
/// parameters and state, allocated at the first improvement.
/// </remarks>
public sealed class EarlyStopping : ITrainingCallback
{
    private MonitoredValue? _monitor;
    private WeightSnapshot? _best;
    private int _wait;

    /// <summary>The epoch result to watch: <c>val_loss</c> (the default), <c>val_accuracy</c>, <c>loss</c>, a metric's name.</summary>
    public string Monitor { get; init; } = "val_" + MetricValues.Loss;

    /// <summary>Whether the value improves by falling or rising; by default decided from its name.</summary>
    public MonitorMode Mode { get; init; }

    /// <summary>The least change that counts as an improvement; 0 by default.</summary>
    public double MinDelta { get; init; }

    /// <summary>How many epochs in a row without improvement stop training; at least 1, 1 by default.</summary>
    public int Patience
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "EarlyStopping: Patience must be at least 1 epoch.");
    } = 1;

    /// <summary>Whether to put back the best epoch's weights when training ends (the default), however it ends.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>The best value seen in the latest run; NaN before any.</summary>
    public double Best => _monitor?.Best ?? double.NaN;

    /// <summary>The epoch of <see cref="Best"/>, from 0; −1 before any.</summary>
    public int BestEpoch => _monitor?.BestEpoch ?? -1;

    /// <summary>The epoch after which this callback stopped training in the latest run, or −1.</summary>
    public int StoppedEpoch { get; private set; } = -1;

    /// <summary>Whether the latest run ended with the best epoch's weights put back.</summary>
    public bool RestoredBestWeights { get; private set; }

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        _monitor ??= new MonitoredValue(nameof(EarlyStopping), Monitor, Mode, MinDelta);
        _monitor.Start(context);
        _wait = 0;
        StoppedEpoch = -1;
        RestoredBestWeights = false;
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context)
    {
        MonitoredValue monitor = _monitor!;
        if (monitor.Improved(context))
        {
            _wait = 0;
            if (RestoreBestWeights)
                _best = context.CopyWeights(_best);
            return;
        }
        if (++_wait < Patience)
            return;
        StoppedEpoch = context.Epoch;
        context.Stop(string.Create(CultureInfo.InvariantCulture, $"{Monitor} has not improved for {_wait} epoch{(_wait == 1 ? "" : "s")} (best {monitor.Best:G6} at epoch {monitor.BestEpoch})"));
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context)
    {
        // Also after the last epoch: the best may be an earlier one.
        if (RestoreBestWeights && _best is not null && _monitor!.BestEpoch >= 0)
        {
            context.RestoreWeights(_best);
            RestoredBestWeights = true;
        }
    }
}
