namespace Precast.Optimizers;

/// <summary>
/// One parameter group of a constructed optimizer: which tensors it updates, its hyperparameters, and
/// the two values a schedule changes between steps, its learning rate and momentum (PyTorch's
/// <c>param_groups[i]["lr"]</c> and <c>["momentum"]</c> or <c>["betas"][0]</c>). Group 0 is the
/// optimizer's default group: every parameter no <see cref="ParameterGroup{TOptions}"/> selected.
/// </summary>
public sealed class OptimizerGroup
{
    private readonly string[] tensorNames;
    private readonly ParameterRange[] ranges;
    // Formed once: the setters run every step under a schedule and must not allocate.
    private readonly OptionCheck check;
    private double learningRate;
    private double momentum;

    internal OptimizerGroup(int index, string description, OptimizerOptions options, string[] tensorNames,
        ParameterRange[] ranges)
    {
        Index = index;
        Description = description;
        check = new OptionCheck($"{description}: ", "value");
        Options = options;
        this.tensorNames = tensorNames;
        this.ranges = ranges;
        foreach (ParameterRange range in ranges)
            ParameterCount += range.Length;
        HasMomentum = options.ScheduledMomentum is not null;
        learningRate = options.LearningRate;
        momentum = options.ScheduledMomentum ?? 0;
    }

    /// <summary>The group's position in <see cref="IOptimizer.Groups"/>; 0 for the default group.</summary>
    public int Index { get; }

    /// <summary>The group as messages name it: "Adam, group 1 (Hidden.bias, Output.bias)".</summary>
    public string Description { get; }

    /// <summary>The hyperparameters the group was constructed with (the optimizer's own for group 0).</summary>
    public OptimizerOptions Options { get; }

    /// <summary>The names of the tensors the group updates, in buffer order.</summary>
    public IReadOnlyList<string> TensorNames => tensorNames;

    /// <summary>How many values of the parameter buffer the group updates.</summary>
    public int ParameterCount { get; }

    /// <summary>The learning rate the group started from, <see cref="OptimizerOptions.LearningRate"/>; schedules scale from it.</summary>
    public double InitialLearningRate => Options.LearningRate;

    /// <summary>The learning rate the next step uses; set it between steps (a schedule does). Finite, at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            check.NonNegative(value, nameof(LearningRate));
            learningRate = value;
        }
    }

    /// <summary>
    /// Whether the group has a momentum a schedule may change: SGD and RMSProp constructed with a
    /// momentum above 0 (without one they keep no momentum buffer), and the Adam family (<c>β1</c>).
    /// </summary>
    public bool HasMomentum { get; }

    /// <summary>
    /// The momentum the next step uses: SGD's and RMSProp's <c>momentum</c>, the Adam family's
    /// <c>β1</c>. Starts at the options' value; set it between steps (a one-cycle schedule does).
    /// </summary>
    /// <exception cref="InvalidOperationException">The group has no momentum (<see cref="HasMomentum"/> is false).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range for the optimizer (β1 must lie in [0, 1)).</exception>
    public double Momentum
    {
        get => momentum;
        set
        {
            if (!HasMomentum)
            {
                throw new InvalidOperationException(
                    $"{Description}: has no momentum to set. SGD and RMSProp keep one only when constructed with a momentum above 0 " +
                    "(construct them with the momentum the schedule starts from); Adagrad and Adadelta have none.");
            }
            Options.CheckMomentum(check, value);
            momentum = value;
        }
    }

    /// <summary>A value a rule carries from step to step besides its buffers (NAdam's product of momenta).</summary>
    internal double Carried { get; set; }

    /// <summary>The contiguous stretches of the parameter buffer the group updates.</summary>
    internal ReadOnlySpan<ParameterRange> Ranges => ranges;
}
