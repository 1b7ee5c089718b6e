namespace Precast.Schedules;

/// <summary>
/// Anneals the rate from <c>lr₀</c> to <c>η_min</c> along half a cosine over <c>T_max</c> steps, as
/// PyTorch's <c>CosineAnnealingLR</c>: <c>lr = η_min + (lr₀ − η_min)·(1 + cos(π·step/T_max))/2</c>.
/// Past <c>T_max</c> it climbs back along the cosine, as PyTorch's does. Driven per step or per epoch.
/// </summary>
public sealed class CosineAnnealing : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="maxSteps">The half period <c>T_max</c>; at least 1.</param>
    /// <param name="minLearningRate">The rate <c>η_min</c> reached at <c>T_max</c>; finite, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public CosineAnnealing(long maxSteps, double minLearningRate = 0)
    {
        MaxSteps = ScheduleArguments.AtLeast(maxSteps, 1, nameof(CosineAnnealing), nameof(maxSteps));
        MinLearningRate = ScheduleArguments.NonNegative(minLearningRate, nameof(CosineAnnealing), nameof(minLearningRate));
    }

    /// <summary>The half period <c>T_max</c>.</summary>
    public long MaxSteps { get; }

    /// <summary>The rate <c>η_min</c> at the bottom of the cosine.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(CosineAnnealing));
        return Anneal(initialLearningRate, MinLearningRate, step, MaxSteps);
    }

    /// <summary>The cosine from <paramref name="start"/> (at 0) to <paramref name="end"/> (at <paramref name="length"/>) at <paramref name="position"/>.</summary>
    internal static double Anneal(double start, double end, double position, double length)
        => end + (start - end) * (1 + Math.Cos(Math.PI * position / length)) / 2;
}
