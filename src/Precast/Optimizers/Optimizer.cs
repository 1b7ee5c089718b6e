using System.Globalization;
using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// What every optimizer shares: the parameter groups, the state buffers, the step count and the
/// state interface for checkpoints. The concrete optimizers (<see cref="Sgd{T}"/>,
/// <see cref="Adam{T}"/>, ...) add only their constructors and their update rule.
/// </summary>
/// <remarks>
/// <para><see cref="Step()"/> runs the rule over each group's contiguous ranges of the flat buffers,
/// vectorized, and allocates nothing. Like PyTorch, a NaN or infinite gradient is not checked for: it
/// flows into the parameter it belongs to (and that parameter's state), and the step proceeds for all
/// the others.</para>
/// <para>Coefficients are formed in double from the double hyperparameters and rounded once to
/// <typeparamref name="T"/>, as PyTorch's Python-side arithmetic does before a scalar reaches a kernel.</para>
/// </remarks>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TOptions">The optimizer's hyperparameters.</typeparam>
public abstract class Optimizer<T, TOptions> : IOptimizer<T>, IOptimizerState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOptions : OptimizerOptions
{
    private readonly IModel<T>? model;
    private readonly Rule<T, TOptions> rule;
    private readonly OptimizerGroup[] groups;
    private readonly TOptions[] groupOptions;
    // By the rule's buffer position; empty where no group uses that buffer.
    private readonly T[][] buffers;
    private readonly int[] presentBuffers;
    private readonly string[] bufferNames;
    private readonly string[] scalarNames;
    private readonly ScalarSlot[] scalarSlots;
    private readonly OptionCheck learningRateCheck;

    private protected Optimizer(string name, IModel<T>? model, int parameterCount, IReadOnlyList<ParameterTensor> tensors,
        TOptions options, ParameterGroup<TOptions>[] groups, Rule<T, TOptions> rule)
    {
        if (parameterCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount,
                $"{name}: parameterCount is {parameterCount}; expected the length of the parameter buffer, 0 or more.");
        }
        Name = name;
        learningRateCheck = new OptionCheck($"{name}: ", "value");
        this.model = model;
        this.rule = rule;
        ParameterCount = parameterCount;
        this.groups = GroupLayout.Build(name, parameterCount, tensors, options, groups);
        groupOptions = [.. this.groups.Select(group => (TOptions)group.Options)];

        string prefix = name.ToLowerInvariant() + ".";
        buffers = new T[3][];
        var present = new List<int>();
        for (int b = 0; b < buffers.Length; b++)
        {
            bool used = b < rule.BufferNames.Length && groupOptions.Any(o => rule.Uses(o, b));
            buffers[b] = used ? new T[parameterCount] : [];
            if (used)
                present.Add(b);
        }
        presentBuffers = [.. present];
        bufferNames = [.. present.Select(b => prefix + rule.BufferNames[b])];

        // The step count, then per group its learning rate, its momentum (when any group has one, so
        // that the names do not depend on which) and the rule's carried value.
        bool momentum = this.groups.Any(g => g.HasMomentum);
        var names = new List<string> { prefix + "step" };
        var slots = new List<ScalarSlot> { new(ScalarKind.Step, -1) };
        for (int g = 0; g < this.groups.Length; g++)
        {
            string group = string.Create(CultureInfo.InvariantCulture, $"{prefix}group{g}.");
            names.Add(group + "lr");
            slots.Add(new(ScalarKind.LearningRate, g));
            if (momentum)
            {
                names.Add(group + "momentum");
                slots.Add(new(ScalarKind.Momentum, g));
            }
            if (rule.CarriedName is { } carried)
            {
                names.Add(group + carried);
                slots.Add(new(ScalarKind.Carried, g));
            }
        }
        scalarNames = [.. names];
        scalarSlots = [.. slots];
        Reset();
    }

    /// <summary>The element count of a model's parameter buffer, after checking that it has one gradient per parameter.</summary>
    private protected static int ParameterCountOf(IModel<T> model, string optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        int parameters = model.Parameters.Length;
        int gradients = model.Gradients.Length;
        if (parameters != gradients)
        {
            throw new ArgumentException(
                $"{optimizer}: model '{model.ModelName}' has {parameters} parameters but {gradients} gradients; expected one gradient per parameter.",
                nameof(model));
        }
        return parameters;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <summary>The hyperparameters of the default group (group 0).</summary>
    public TOptions Options => groupOptions[0];

    /// <inheritdoc/>
    public IReadOnlyList<OptimizerGroup> Groups => groups;

    /// <inheritdoc/>
    public double LearningRate
    {
        get => groups[0].LearningRate;
        set
        {
            learningRateCheck.NonNegative(value, nameof(LearningRate));
            foreach (OptimizerGroup group in groups)
                group.LearningRate = value;
        }
    }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public IOptimizerState<T> State => this;

    /// <inheritdoc/>
    public void Step()
    {
        IModel<T> stepped = model ?? throw new InvalidOperationException(
            $"{Name}.Step(): this optimizer was constructed for raw buffers, so it has no model to step; call Step(parameters, gradients) instead.");
        Step(stepped.Parameters, stepped.Gradients);
    }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException(
                $"{Name}.Step: 'parameters' has {parameters.Length} values; this optimizer was constructed for {ParameterCount}.",
                nameof(parameters));
        }
        if (gradients.Length != ParameterCount)
        {
            throw new ArgumentException(
                $"{Name}.Step: 'gradients' has {gradients.Length} values; expected {ParameterCount}, one per parameter.",
                nameof(gradients));
        }
        StepCount++;
        rule.Update(groups, groupOptions, StepCount, parameters, gradients, buffers);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        for (int g = 0; g < groups.Length; g++)
        {
            OptimizerGroup group = groups[g];
            foreach (int b in presentBuffers)
            {
                T initial = T.CreateTruncating(rule.InitialValue(groupOptions[g], b));
                foreach (ParameterRange range in group.Ranges)
                    buffers[b].AsSpan(range.Start, range.Length).Fill(initial);
            }
            group.LearningRate = group.InitialLearningRate;
            if (group.HasMomentum)
                group.Momentum = group.Options.ScheduledMomentum!.Value;
            group.Carried = rule.InitialCarried;
        }
        StepCount = 0;
    }

    IReadOnlyList<string> IOptimizerState<T>.BufferNames => bufferNames;

    Span<T> IOptimizerState<T>.Buffer(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, presentBuffers.Length);
        return buffers[presentBuffers[index]];
    }

    IReadOnlyList<string> IScalarState.ScalarNames => scalarNames;

    double IScalarState.GetScalar(int index)
    {
        ScalarSlot slot = Slot(index);
        return slot.Kind switch
        {
            ScalarKind.Step => StepCount,
            ScalarKind.LearningRate => groups[slot.Group].LearningRate,
            ScalarKind.Momentum => groups[slot.Group].Momentum,
            _ => groups[slot.Group].Carried,
        };
    }

    void IScalarState.SetScalar(int index, double value)
    {
        ScalarSlot slot = Slot(index);
        switch (slot.Kind)
        {
            case ScalarKind.Step:
                if (!(value >= 0 && value == Math.Floor(value) && value < long.MaxValue))
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value,
                        $"{Name}: the saved '{scalarNames[index]}' is {OptionCheck.Text(value)}; expected a whole number, 0 or more.");
                }
                StepCount = (long)value;
                break;
            case ScalarKind.LearningRate:
                groups[slot.Group].LearningRate = value;
                break;
            case ScalarKind.Momentum:
                // A group without momentum reports 0; only another value needs a momentum to go to.
                if (groups[slot.Group].HasMomentum || value != 0)
                    groups[slot.Group].Momentum = value;
                break;
            default:
                if (!double.IsFinite(value))
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value,
                        $"{Name}: the saved '{scalarNames[index]}' is {OptionCheck.Text(value)}; expected a finite value.");
                }
                groups[slot.Group].Carried = value;
                break;
        }
    }

    private ScalarSlot Slot(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, scalarSlots.Length);
        return scalarSlots[index];
    }

    /// <summary>What a scalar of the state is.</summary>
    private enum ScalarKind
    {
        Step,
        LearningRate,
        Momentum,
        Carried,
    }

    /// <summary>A scalar of the state: its kind and, except for the step count, its group.</summary>
    private readonly record struct ScalarSlot(ScalarKind Kind, int Group);
}
