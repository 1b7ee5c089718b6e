using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// An <see cref="IOptimizerRule{T, TOptions, TSelf}"/> as an object, so that
/// <see cref="Optimizer{T, TOptions}"/> can hold its rule without naming its type: one virtual call
/// per step, then a loop specialized for the rule.
/// </summary>
internal abstract class Rule<T, TOptions>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOptions : OptimizerOptions
{
    /// <inheritdoc cref="IOptimizerRule{T, TOptions, TSelf}.BufferNames"/>
    public abstract string[] BufferNames { get; }

    /// <inheritdoc cref="IOptimizerRule{T, TOptions, TSelf}.Uses"/>
    public abstract bool Uses(TOptions options, int buffer);

    /// <inheritdoc cref="IOptimizerRule{T, TOptions, TSelf}.InitialValue"/>
    public abstract double InitialValue(TOptions options, int buffer);

    /// <inheritdoc cref="IOptimizerRule{T, TOptions, TSelf}.CarriedName"/>
    public abstract string? CarriedName { get; }

    /// <inheritdoc cref="IOptimizerRule{T, TOptions, TSelf}.InitialCarried"/>
    public abstract double InitialCarried { get; }

    /// <summary>
    /// Runs step <paramref name="step"/> over every group's ranges. <paramref name="buffers"/> holds
    /// the three state buffers by position, empty where the optimizer keeps none.
    /// </summary>
    public abstract void Update(OptimizerGroup[] groups, TOptions[] options, long step,
        Span<T> parameters, ReadOnlySpan<T> gradients, T[][] buffers);
}

/// <summary>The <see cref="Rule{T, TOptions}"/> of the rule struct <typeparamref name="TRule"/>.</summary>
internal sealed class Rule<T, TOptions, TRule> : Rule<T, TOptions>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOptions : OptimizerOptions
    where TRule : struct, IOptimizerRule<T, TOptions, TRule>
{
    /// <summary>The one instance; it holds nothing.</summary>
    public static readonly Rule<T, TOptions, TRule> Instance = new();

    private Rule()
    {
    }

    public override string[] BufferNames => TRule.BufferNames;

    public override bool Uses(TOptions options, int buffer) => TRule.Uses(options, buffer);

    public override double InitialValue(TOptions options, int buffer) => TRule.InitialValue(options, buffer);

    public override string? CarriedName => TRule.CarriedName;

    public override double InitialCarried => TRule.InitialCarried;

    public override void Update(OptimizerGroup[] groups, TOptions[] options, long step,
        Span<T> parameters, ReadOnlySpan<T> gradients, T[][] buffers)
    {
        for (int g = 0; g < groups.Length; g++)
        {
            OptimizerGroup group = groups[g];
            TRule rule = TRule.Create(options[g], group, step);
            var penalties = new Regularization<T>(options[g], group.LearningRate);
            foreach (ParameterRange range in group.Ranges)
            {
                ElementwiseUpdate.Run(penalties, rule,
                    parameters.Slice(range.Start, range.Length),
                    gradients.Slice(range.Start, range.Length),
                    Slice(buffers[0], range), Slice(buffers[1], range), Slice(buffers[2], range));
            }
        }
    }

    private static Span<T> Slice(T[] buffer, ParameterRange range) =>
        buffer.Length == 0 ? Span<T>.Empty : buffer.AsSpan(range.Start, range.Length);
}
