using Precast.Schedules;

namespace Precast.Training;

/// <summary>
/// Drives the optimizer's learning rate (and momentum, for a schedule that sets it) from an
/// <see cref="ILearningRateSchedule"/>, per epoch or per step. The schedule is a closed form of the
/// epoch or step number, so training resumed at a later epoch gets the rate it would have had.
/// <code>
/// trainer.Callbacks.Add(new LearningRateScheduler(new CosineAnnealing(maxSteps: 20)));
/// </code>
/// </summary>
/// <remarks>Uses <see cref="ScheduleExtensions.ApplySchedule"/>; allocates nothing.</remarks>
public sealed class LearningRateScheduler : ITrainingCallback
{
    /// <summary>Applies <paramref name="schedule"/> at every epoch (the default) or every step.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="timing">Whether the schedule advances per epoch or per optimizer step.</param>
    public LearningRateScheduler(ILearningRateSchedule schedule, ScheduleTiming timing = ScheduleTiming.PerEpoch)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!Enum.IsDefined(timing))
            throw new ArgumentOutOfRangeException(nameof(timing), timing, "LearningRateScheduler: timing must be PerEpoch or PerStep.");
        Schedule = schedule;
        Timing = timing;
    }

    /// <summary>The schedule.</summary>
    public ILearningRateSchedule Schedule { get; }

    /// <summary>Whether the schedule advances per epoch or per step.</summary>
    public ScheduleTiming Timing { get; }

    /// <inheritdoc/>
    public void OnEpochBegin(TrainingContext context)
    {
        if (Timing == ScheduleTiming.PerEpoch)
            context.Optimizer.ApplySchedule(Schedule, context.Epoch);
    }

    /// <inheritdoc/>
    public void OnBatchBegin(TrainingContext context)
    {
        if (Timing == ScheduleTiming.PerStep)
            context.Optimizer.ApplySchedule(Schedule, context.Step);
    }
}
