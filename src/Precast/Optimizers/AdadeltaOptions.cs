namespace Precast.Optimizers;

/// <summary>
/// The hyperparameters of <see cref="Adadelta{T}"/>, with PyTorch's names and defaults
/// (<c>torch.optim.Adadelta(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0)</c>).
/// </summary>
public sealed record AdadeltaOptions : OptimizerOptions
{
    /// <summary>Options with PyTorch's defaults: learning rate 1, ρ 0.9, ε 1e-6.</summary>
    public AdadeltaOptions()
    {
        LearningRate = 1.0;
        Rho = 0.9;
        Epsilon = 1e-6;
    }

    /// <summary>The decay rate <c>ρ</c> of both running averages; in [0, 1].</summary>
    public double Rho { get; init; }

    /// <summary>The term <c>ε</c> added inside both square roots; finite, at least 0.</summary>
    public double Epsilon { get; init; }

    internal override void Check(in OptionCheck check)
    {
        base.Check(check);
        check.Fraction(Rho, nameof(Rho));
        check.NonNegative(Epsilon, nameof(Epsilon));
    }
}
