namespace Precast.Optimizers;

/// <summary>
/// What the Adam family (<see cref="AdamOptions"/>, <see cref="NAdamOptions"/>,
/// <see cref="RAdamOptions"/>) shares: the decay rates of the two moment estimates and the term that
/// keeps the denominator from zero, with PyTorch's defaults (<c>betas=(0.9, 0.999), eps=1e-8</c>).
/// </summary>
public abstract record AdaptiveMomentOptions : OptimizerOptions
{
    /// <summary>Options with PyTorch's defaults for the moments.</summary>
    protected AdaptiveMomentOptions()
    {
        Beta1 = 0.9;
        Beta2 = 0.999;
        Epsilon = 1e-8;
    }

    /// <summary>The decay rate <c>β1</c> of the first moment (the mean of the gradients); in [0, 1). A one-cycle schedule drives it as momentum.</summary>
    public double Beta1 { get; init; }

    /// <summary>The decay rate <c>β2</c> of the second moment (the mean of the squared gradients); in [0, 1).</summary>
    public double Beta2 { get; init; }

    /// <summary>The term <c>ε</c> added to the denominator; finite, at least 0.</summary>
    public double Epsilon { get; init; }

    internal override double? ScheduledMomentum => Beta1;

    internal override void Check(in OptionCheck check)
    {
        base.Check(check);
        check.DecayRate(Beta1, nameof(Beta1));
        check.DecayRate(Beta2, nameof(Beta2));
        check.NonNegative(Epsilon, nameof(Epsilon));
    }

    internal override void CheckMomentum(in OptionCheck check, double value) => check.DecayRate(value, nameof(Beta1));
}
