namespace Precast.Schedules;

/// <summary>
/// Runs schedules one after another, as PyTorch's <c>SequentialLR</c>: the first until the first
/// milestone, then the second counted from 0 at that milestone, and so on. The usual use is a warmup
/// followed by a decay:
/// <code>
/// var schedule = new SequentialSchedule([new LinearWarmup(steps: 500, startFactor: 0.01), new CosineAnnealing(9_500)], milestones: [500]);
/// </code>
/// </summary>
public sealed class SequentialSchedule : ILearningRateSchedule
{
    private readonly ILearningRateSchedule[] schedules;
    private readonly long[] milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="schedules">The schedules, in order; at least one.</param>
    /// <param name="milestones">The steps at which each next schedule takes over: one fewer than <paramref name="schedules"/>, increasing, each at least 1.</param>
    /// <exception cref="ArgumentException">The counts do not match, or a milestone is out of order; the message says which.</exception>
    public SequentialSchedule(ReadOnlySpan<ILearningRateSchedule> schedules, ReadOnlySpan<long> milestones)
    {
        if (schedules.IsEmpty)
            throw new ArgumentException($"{nameof(SequentialSchedule)}: expected at least one schedule.", nameof(schedules));
        if (milestones.Length != schedules.Length - 1)
        {
            throw new ArgumentException(
                $"{nameof(SequentialSchedule)}: {schedules.Length} schedules need {schedules.Length - 1} milestones (where each next one takes over); got {milestones.Length}.",
                nameof(milestones));
        }
        for (int i = 0; i < schedules.Length; i++)
        {
            if (schedules[i] is null)
                throw new ArgumentNullException(nameof(schedules), $"{nameof(SequentialSchedule)}: schedule {i} is null.");
        }
        for (int i = 0; i < milestones.Length; i++)
        {
            long previous = i == 0 ? 0 : milestones[i - 1];
            if (milestones[i] <= previous)
            {
                throw new ArgumentException(
                    $"{nameof(SequentialSchedule)}: milestone {i} is {milestones[i]}; expected more than {previous}, as milestones increase from 1.",
                    nameof(milestones));
            }
        }
        this.schedules = schedules.ToArray();
        this.milestones = milestones.ToArray();
    }

    /// <summary>The schedules, in order.</summary>
    public IReadOnlyList<ILearningRateSchedule> Schedules => schedules;

    /// <summary>The steps at which each next schedule takes over.</summary>
    public IReadOnlyList<long> Milestones => milestones;

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(SequentialSchedule));
        int index = Milestone.CountAtOrBefore(milestones, step);
        long start = index == 0 ? 0 : milestones[index - 1];
        return schedules[index].LearningRate(step - start, initialLearningRate);
    }
}
