namespace Precast.Schedules;

/// <summary>
/// SGDR (Loshchilov and Hutter, 2017): cosine annealing from <c>lr₀</c> to <c>η_min</c> over
/// <c>T_i</c> steps, then a restart at <c>lr₀</c> with <c>T_(i+1) = T_i·T_mult</c>, as PyTorch's
/// <c>CosineAnnealingWarmRestarts</c> stepped without an explicit epoch. Driven per step (or per epoch).
/// </summary>
public sealed class CosineAnnealingWarmRestarts : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="firstPeriod">The length <c>T_0</c> of the first cycle; at least 1.</param>
    /// <param name="periodMultiplier">The factor <c>T_mult</c> by which each cycle is longer than the last; at least 1.</param>
    /// <param name="minLearningRate">The rate <c>η_min</c> each cycle anneals towards; finite, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public CosineAnnealingWarmRestarts(long firstPeriod, long periodMultiplier = 1, double minLearningRate = 0)
    {
        FirstPeriod = ScheduleArguments.AtLeast(firstPeriod, 1, nameof(CosineAnnealingWarmRestarts), nameof(firstPeriod));
        PeriodMultiplier = ScheduleArguments.AtLeast(periodMultiplier, 1, nameof(CosineAnnealingWarmRestarts), nameof(periodMultiplier));
        MinLearningRate = ScheduleArguments.NonNegative(minLearningRate, nameof(CosineAnnealingWarmRestarts), nameof(minLearningRate));
    }

    /// <summary>The length <c>T_0</c> of the first cycle.</summary>
    public long FirstPeriod { get; }

    /// <summary>The factor <c>T_mult</c> between the lengths of consecutive cycles.</summary>
    public long PeriodMultiplier { get; }

    /// <summary>The rate <c>η_min</c> each cycle anneals towards.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(CosineAnnealingWarmRestarts));
        // Walk the cycles: their lengths grow geometrically, so this takes a handful of iterations
        // (or one division when they do not grow).
        long start = 0, period = FirstPeriod;
        if (PeriodMultiplier == 1)
        {
            start = step / period * period;
        }
        else
        {
            while (step - start >= period)
            {
                start += period;
                period = period > long.MaxValue / PeriodMultiplier ? long.MaxValue : period * PeriodMultiplier;
            }
        }
        return CosineAnnealing.Anneal(initialLearningRate, MinLearningRate, step - start, period);
    }
}
