namespace Precast.Schedules;

/// <summary>
/// Multiplies the rate by <c>γ</c> every step, as PyTorch's <c>ExponentialLR</c>:
/// <c>lr = lr₀ · γ^step</c>. Usually driven per epoch.
/// </summary>
public sealed class ExponentialDecay : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="gamma">The factor <c>γ</c> per step; finite, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is out of range.</exception>
    public ExponentialDecay(double gamma) => Gamma = ScheduleArguments.NonNegative(gamma, nameof(ExponentialDecay), nameof(gamma));

    /// <summary>The factor per step.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(ExponentialDecay));
        return initialLearningRate * Math.Pow(Gamma, step);
    }
}
