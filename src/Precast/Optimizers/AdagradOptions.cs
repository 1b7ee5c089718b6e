namespace Precast.Optimizers;

/// <summary>
/// The hyperparameters of <see cref="Adagrad{T}"/>, with PyTorch's names and defaults
/// (<c>torch.optim.Adagrad(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)</c>).
/// </summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <summary>Options with PyTorch's defaults: learning rate 1e-2, ε 1e-10.</summary>
    public AdagradOptions()
    {
        LearningRate = 1e-2;
        Epsilon = 1e-10;
    }

    /// <summary>The learning rate decay: step <c>t</c> uses <c>lr / (1 + (t − 1)·lr_decay)</c>; finite, at least 0.</summary>
    public double LearningRateDecay { get; init; }

    /// <summary>The value the sum of squared gradients starts from (and returns to on reset); finite, at least 0.</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>The term <c>ε</c> added to the denominator; finite, at least 0.</summary>
    public double Epsilon { get; init; }

    internal override void Check(in OptionCheck check)
    {
        base.Check(check);
        check.NonNegative(LearningRateDecay, nameof(LearningRateDecay));
        check.NonNegative(InitialAccumulatorValue, nameof(InitialAccumulatorValue));
        check.NonNegative(Epsilon, nameof(Epsilon));
    }
}
