namespace Precast.Optimizers;

/// <summary>
/// The hyperparameters of <see cref="Sgd{T}"/>, with PyTorch's names and defaults
/// (<c>torch.optim.SGD(lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False)</c>).
/// </summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <summary>Options with PyTorch's defaults: learning rate 1e-3, no momentum.</summary>
    public SgdOptions() => LearningRate = 1e-3;

    /// <summary>The momentum factor <c>μ</c>; finite, at least 0; 0 turns momentum off (and its buffer with it).</summary>
    public double Momentum { get; init; }

    /// <summary>The dampening <c>d</c>: new gradients enter the momentum buffer scaled by <c>1 − d</c>; finite.</summary>
    public double Dampening { get; init; }

    /// <summary>Nesterov momentum; needs <see cref="Momentum"/> &gt; 0 and <see cref="Dampening"/> 0, as in PyTorch.</summary>
    public bool Nesterov { get; init; }

    internal override double? ScheduledMomentum => Momentum != 0 ? Momentum : null;

    internal override void Check(in OptionCheck check)
    {
        base.Check(check);
        check.NonNegative(Momentum, nameof(Momentum));
        check.Finite(Dampening, nameof(Dampening));
        if (Nesterov && (Momentum <= 0 || Dampening != 0))
        {
            throw check.Invalid(
                $"Nesterov momentum needs Momentum > 0 and Dampening 0 (as torch.optim.SGD); " +
                $"got Momentum {OptionCheck.Text(Momentum)} and Dampening {OptionCheck.Text(Dampening)}.");
        }
    }
}
