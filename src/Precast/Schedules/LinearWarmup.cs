namespace Precast.Schedules;

/// <summary>
/// Scales the rate by a factor that moves linearly from <c>startFactor</c> to <c>endFactor</c> over
/// <c>steps</c> steps and then stays, as PyTorch's <c>LinearLR</c>:
/// <c>lr = lr₀ · (start + (end − start)·min(step, steps)/steps)</c>. A warmup (start &lt; end, usually
/// driven per step); with <c>end &lt; start</c> a linear decay. Follow it with another schedule through
/// <see cref="SequentialSchedule"/>.
/// </summary>
public sealed class LinearWarmup : ILearningRateSchedule
{
    /// <summary>Creates the schedule; the defaults are PyTorch's.</summary>
    /// <param name="steps">How many steps the factor takes to go from start to end; at least 1.</param>
    /// <param name="startFactor">The factor at step 0; in (0, 1].</param>
    /// <param name="endFactor">The factor from step <paramref name="steps"/> on; in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public LinearWarmup(long steps = 5, double startFactor = 1.0 / 3, double endFactor = 1.0)
    {
        Steps = ScheduleArguments.AtLeast(steps, 1, nameof(LinearWarmup), nameof(steps));
        StartFactor = ScheduleArguments.InRange(startFactor, 0, 1, nameof(LinearWarmup), nameof(startFactor), lowIncluded: false);
        EndFactor = ScheduleArguments.InRange(endFactor, 0, 1, nameof(LinearWarmup), nameof(endFactor));
    }

    /// <summary>How many steps the factor moves for.</summary>
    public long Steps { get; }

    /// <summary>The factor at step 0.</summary>
    public double StartFactor { get; }

    /// <summary>The factor from <see cref="Steps"/> on.</summary>
    public double EndFactor { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(LinearWarmup));
        return initialLearningRate * (StartFactor + (EndFactor - StartFactor) * Math.Min(step, Steps) / Steps);
    }
}
