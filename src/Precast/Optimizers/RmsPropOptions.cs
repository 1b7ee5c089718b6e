namespace Precast.Optimizers;

/// <summary>
/// The hyperparameters of <see cref="RmsProp{T}"/>, with PyTorch's names and defaults
/// (<c>torch.optim.RMSprop(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False)</c>).
/// </summary>
public sealed record RmsPropOptions : OptimizerOptions
{
    /// <summary>Options with PyTorch's defaults: learning rate 1e-2, smoothing 0.99, ε 1e-8.</summary>
    public RmsPropOptions()
    {
        LearningRate = 1e-2;
        Alpha = 0.99;
        Epsilon = 1e-8;
    }

    /// <summary>The smoothing constant <c>α</c> of the mean of squared gradients; finite, at least 0.</summary>
    public double Alpha { get; init; }

    /// <summary>The term <c>ε</c> added to the denominator; finite, at least 0.</summary>
    public double Epsilon { get; init; }

    /// <summary>The momentum factor <c>μ</c>; finite, at least 0; 0 turns momentum off (and its buffer with it).</summary>
    public double Momentum { get; init; }

    /// <summary>
    /// Centered RMSProp: normalize by an estimate of the gradient's variance (mean of squares minus the
    /// square of the mean) rather than its second moment. Keeps a buffer of mean gradients.
    /// </summary>
    public bool Centered { get; init; }

    internal override double? ScheduledMomentum => Momentum != 0 ? Momentum : null;

    internal override void Check(in OptionCheck check)
    {
        base.Check(check);
        check.NonNegative(Alpha, nameof(Alpha));
        check.NonNegative(Epsilon, nameof(Epsilon));
        check.NonNegative(Momentum, nameof(Momentum));
    }
}
