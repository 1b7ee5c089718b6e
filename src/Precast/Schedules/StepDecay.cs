namespace Precast.Schedules;

/// <summary>
/// Multiplies the rate by <c>γ</c> every <c>stepSize</c> steps, as PyTorch's <c>StepLR</c>:
/// <c>lr = lr₀ · γ^⌊step / stepSize⌋</c>. Usually driven per epoch (ResNet's 0.1 every 30 epochs).
/// </summary>
public sealed class StepDecay : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepSize">Steps between decays; at least 1.</param>
    /// <param name="gamma">The factor <c>γ</c> applied at each decay; finite, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public StepDecay(long stepSize, double gamma = 0.1)
    {
        StepSize = ScheduleArguments.AtLeast(stepSize, 1, nameof(StepDecay), nameof(stepSize));
        Gamma = ScheduleArguments.NonNegative(gamma, nameof(StepDecay), nameof(gamma));
    }

    /// <summary>Steps between decays.</summary>
    public long StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(StepDecay));
        return initialLearningRate * Math.Pow(Gamma, step / StepSize);
    }
}
