using Precast.Schedules;

namespace Precast.Training;

/// <summary>
/// Feeds each epoch's monitored result (by default <c>val_loss</c>) to a <see cref="ReduceOnPlateau"/>,
/// which cuts the optimizer's learning rates when the result stops improving.
/// <code>
/// var plateau = new ReduceOnPlateau(optimizer) { Patience = 2, Factor = 0.5 };
/// trainer.Callbacks.Add(new ReduceLearningRateOnPlateau(plateau));
/// </code>
/// Give the schedule the mode that fits the result (<see cref="PlateauMode.Max"/> for an accuracy).
/// </summary>
public sealed class ReduceLearningRateOnPlateau : ITrainingCallback
{
    private readonly List<int> _cuts = [];

    /// <summary>Steps <paramref name="plateau"/> with <paramref name="monitor"/> at every epoch's end.</summary>
    /// <param name="plateau">The schedule, made for the trainer's optimizer.</param>
    /// <param name="monitor">The epoch result to feed it: <c>val_loss</c> by default.</param>
    public ReduceLearningRateOnPlateau(ReduceOnPlateau plateau, string monitor = "val_" + MetricValues.Loss)
    {
        ArgumentNullException.ThrowIfNull(plateau);
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        Plateau = plateau;
        Monitor = monitor;
    }

    /// <summary>The schedule.</summary>
    public ReduceOnPlateau Plateau { get; }

    /// <summary>The epoch result it is fed.</summary>
    public string Monitor { get; }

    /// <summary>The epochs at whose end the rates were cut in the latest run.</summary>
    public IReadOnlyList<int> CutEpochs => _cuts;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        MonitoredValue.Require(context, nameof(ReduceLearningRateOnPlateau), Monitor);
        _cuts.Clear();
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context)
    {
        if (Plateau.Step(context.Metrics[Monitor]))
            _cuts.Add(context.Epoch);
    }
}
