namespace Precast.Schedules;

/// <summary>
/// Multiplies the rate by <c>γ</c> at each milestone, as PyTorch's <c>MultiStepLR</c>:
/// <c>lr = lr₀ · γ^(number of milestones ≤ step)</c> (a milestone listed twice counts twice, as there).
/// Usually driven per epoch.
/// </summary>
public sealed class MultiStepDecay : ILearningRateSchedule
{
    private readonly long[] milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="milestones">The steps at which the rate decays; each at least 1, in any order.</param>
    /// <param name="gamma">The factor <c>γ</c> applied at each milestone; finite, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public MultiStepDecay(ReadOnlySpan<long> milestones, double gamma = 0.1)
    {
        foreach (long milestone in milestones)
            ScheduleArguments.AtLeast(milestone, 1, nameof(MultiStepDecay), nameof(milestones));
        this.milestones = milestones.ToArray();
        Array.Sort(this.milestones);
        Gamma = ScheduleArguments.NonNegative(gamma, nameof(MultiStepDecay), nameof(gamma));
    }

    /// <summary>The milestones, sorted.</summary>
    public IReadOnlyList<long> Milestones => milestones;

    /// <summary>The factor applied at each milestone.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(MultiStepDecay));
        return initialLearningRate * Math.Pow(Gamma, Milestone.CountAtOrBefore(milestones, step));
    }
}
