namespace Precast.Schedules;

/// <summary>
/// The one-cycle policy (Smith and Topin, 2018), as PyTorch's <c>OneCycleLR</c>: the rate climbs from
/// <c>max/divFactor</c> to <c>max</c> over the first <c>pctStart</c> of the steps, then anneals to
/// <c>max/(divFactor·finalDivFactor)</c>; momentum moves the opposite way between
/// <c>maxMomentum</c> and <c>baseMomentum</c>. Driven per step, for exactly <c>totalSteps</c> steps.
/// </summary>
/// <remarks>
/// The peak rate <c>max</c> is each group's <see cref="Optimizers.OptimizerGroup.InitialLearningRate"/>:
/// construct the optimizer with PyTorch's <c>max_lr</c> as its learning rate. Momentum (SGD's, RMSProp's,
/// or the Adam family's β1) is set by <see cref="ScheduleExtensions.ApplySchedule"/> unless
/// <c>cycleMomentum</c> is false.
/// </remarks>
public sealed class OneCycle : ILearningRateSchedule, IMomentumSchedule
{
    private readonly Phase[] phases;

    /// <summary>Creates the schedule; the defaults are PyTorch's.</summary>
    /// <param name="totalSteps">How many steps the cycle lasts; at least 1. Steps up to and including this number are valid, as in PyTorch.</param>
    /// <param name="pctStart">The fraction of the steps spent climbing; in [0, 1].</param>
    /// <param name="annealing">The shape of each phase: cosine (PyTorch's default) or linear.</param>
    /// <param name="divFactor">The initial rate is <c>max / divFactor</c>; positive.</param>
    /// <param name="finalDivFactor">The final rate is <c>initial / finalDivFactor</c>; positive.</param>
    /// <param name="threePhase">Descend back to the initial rate symmetrically, then anneal to the final rate in a third phase.</param>
    /// <param name="cycleMomentum">Whether to cycle momentum inversely to the rate.</param>
    /// <param name="baseMomentum">The momentum at the peak rate; in [0, 1].</param>
    /// <param name="maxMomentum">The momentum at the start and the end; in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public OneCycle(long totalSteps, double pctStart = 0.3, Annealing annealing = Annealing.Cosine, double divFactor = 25,
        double finalDivFactor = 1e4, bool threePhase = false, bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95)
    {
        TotalSteps = ScheduleArguments.AtLeast(totalSteps, 1, nameof(OneCycle), nameof(totalSteps));
        PctStart = ScheduleArguments.InRange(pctStart, 0, 1, nameof(OneCycle), nameof(pctStart));
        if (!Enum.IsDefined(annealing))
            throw new ArgumentOutOfRangeException(nameof(annealing), annealing, $"{nameof(OneCycle)}: annealing is {annealing}; expected Cosine or Linear.");
        Annealing = annealing;
        DivFactor = ScheduleArguments.InRange(divFactor, 0, double.MaxValue, nameof(OneCycle), nameof(divFactor), lowIncluded: false);
        FinalDivFactor = ScheduleArguments.InRange(finalDivFactor, 0, double.MaxValue, nameof(OneCycle), nameof(finalDivFactor), lowIncluded: false);
        ThreePhase = threePhase;
        SetsMomentum = cycleMomentum;
        BaseMomentum = ScheduleArguments.InRange(baseMomentum, 0, 1, nameof(OneCycle), nameof(baseMomentum));
        MaxMomentum = ScheduleArguments.InRange(maxMomentum, 0, 1, nameof(OneCycle), nameof(maxMomentum));

        // PyTorch's phase table: each phase ends at a (fractional) step and moves the rate between two
        // of initial, max and final, and the momentum between max and base.
        double warmupEnd = pctStart * totalSteps - 1;
        phases = threePhase
            ?
            [
                new(warmupEnd, Level.Initial, Level.Max, MaxMomentum, BaseMomentum),
                new(2 * pctStart * totalSteps - 2, Level.Max, Level.Initial, BaseMomentum, MaxMomentum),
                new(totalSteps - 1, Level.Initial, Level.Final, MaxMomentum, MaxMomentum),
            ]
            :
            [
                new(warmupEnd, Level.Initial, Level.Max, MaxMomentum, BaseMomentum),
                new(totalSteps - 1, Level.Max, Level.Final, BaseMomentum, MaxMomentum),
            ];
    }

    private enum Level
    {
        Initial,
        Max,
        Final,
    }

    /// <summary>How many steps the cycle lasts.</summary>
    public long TotalSteps { get; }

    /// <summary>The fraction of the steps spent climbing.</summary>
    public double PctStart { get; }

    /// <summary>The shape of each phase.</summary>
    public Annealing Annealing { get; }

    /// <summary>The initial rate is the peak divided by this.</summary>
    public double DivFactor { get; }

    /// <summary>The final rate is the initial divided by this.</summary>
    public double FinalDivFactor { get; }

    /// <summary>Whether the cycle has three phases.</summary>
    public bool ThreePhase { get; }

    /// <inheritdoc/>
    public bool SetsMomentum { get; }

    /// <summary>The momentum at the peak rate.</summary>
    public double BaseMomentum { get; }

    /// <summary>The momentum at the start and the end.</summary>
    public double MaxMomentum { get; }

    /// <inheritdoc/>
    public double LearningRate(long step, double initialLearningRate)
    {
        (Phase phase, double pct) = Locate(step);
        return Interpolate(Rate(phase.StartRate, initialLearningRate), Rate(phase.EndRate, initialLearningRate), pct);
    }

    /// <inheritdoc/>
    public double Momentum(long step)
    {
        (Phase phase, double pct) = Locate(step);
        return Interpolate(phase.StartMomentum, phase.EndMomentum, pct);
    }

    /// <summary>The phase <paramref name="step"/> falls in and how far through it, as PyTorch's <c>get_lr</c> finds them.</summary>
    private (Phase Phase, double Pct) Locate(long step)
    {
        ScheduleArguments.Step(step, nameof(OneCycle));
        if (step > TotalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step,
                $"{nameof(OneCycle)}: step is {step}, past the cycle's {TotalSteps} total steps; construct the schedule with as many steps as training takes.");
        }
        double start = 0;
        for (int i = 0; i < phases.Length; i++)
        {
            double end = phases[i].EndStep;
            if (step <= end || i == phases.Length - 1)
            {
                // A phase of no length (pctStart·totalSteps = 1, where PyTorch divides by zero) is already over.
                double pct = end == start ? 1 : (step - start) / (end - start);
                return (phases[i], pct);
            }
            start = end;
        }
        throw new InvalidOperationException("unreachable: the last phase takes every remaining step");
    }

    // PyTorch's _annealing_cos and _annealing_linear, operation for operation.
    private double Interpolate(double start, double end, double pct) => Annealing == Annealing.Cosine
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    private double Rate(Level level, double max)
    {
        double initial = max / DivFactor;
        return level switch
        {
            Level.Initial => initial,
            Level.Max => max,
            _ => initial / FinalDivFactor,
        };
    }

    /// <summary>One phase of PyTorch's table.</summary>
    private readonly record struct Phase(double EndStep, Level StartRate, Level EndRate, double StartMomentum, double EndMomentum);
}
