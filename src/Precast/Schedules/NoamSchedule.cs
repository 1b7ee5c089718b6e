namespace Precast.Schedules;

/// <summary>
/// The Transformer's schedule (Vaswani et al. 2017, §5.3), linear warmup then inverse square root
/// decay: <c>lr = lr₀ · d^-0.5 · min(s^-0.5, s · warmup^-1.5)</c> with <c>s = max(step, 1)</c>, as The
/// Annotated Transformer runs it through PyTorch's <c>LambdaLR</c>. Driven per step.
/// </summary>
/// <remarks>
/// <c>lr₀</c>, the optimizer's learning rate, is the factor in front: 1 for the paper's schedule
/// (which peaks at <c>d^-0.5 · warmup^-0.5</c>, 7e-4 for d = 512 and 4,000 warmup steps), or a factor
/// such as 2. Step 0 counts as step 1, so the first update does not run at rate 0.
/// </remarks>
public sealed class NoamSchedule : ILearningRateSchedule
{
    private readonly double scale;
    private readonly double warmupSlope;

    /// <summary>Creates the schedule.</summary>
    /// <param name="modelSize">The model width <c>d</c> (d_model); at least 1.</param>
    /// <param name="warmupSteps">Steps of linear warmup; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public NoamSchedule(long modelSize, long warmupSteps)
    {
        ModelSize = ScheduleArguments.AtLeast(modelSize, 1, nameof(NoamSchedule), nameof(modelSize));
        WarmupSteps = ScheduleArguments.AtLeast(warmupSteps, 1, nameof(NoamSchedule), nameof(warmupSteps));
        scale = Math.Pow(modelSize, -0.5);
        warmupSlope = Math.Pow(warmupSteps, -1.5);
    }

    /// <summary>The model width <c>d</c>.</summary>
    public long ModelSize { get; }

    /// <summary>Steps of linear warmup.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        ScheduleArguments.Step(step, nameof(NoamSchedule));
        double s = Math.Max(step, 1);
        return initialLearningRate * (scale * Math.Min(Math.Pow(s, -0.5), s * warmupSlope));
    }
}
