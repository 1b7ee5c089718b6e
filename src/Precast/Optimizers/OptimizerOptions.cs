namespace Precast.Optimizers;

/// <summary>
/// What every optimizer's hyperparameters share: the learning rate and the regularization terms.
/// Each optimizer has a record deriving from this one (<see cref="SgdOptions"/>,
/// <see cref="AdamOptions"/>, ...), with PyTorch's defaults; make a variant for a parameter group with
/// <c>with</c>: <c>options with { WeightDecay = 0 }</c>.
/// </summary>
/// <remarks>
/// <para>For every parameter <c>p</c> with gradient <c>g</c>, before the optimizer's own update:</para>
/// <code>
/// g = g + L1·sign(p)                      L1 penalty (sign(0) = 0)
/// g = g + WeightDecay·p                   if not DecoupledWeightDecay (L2, PyTorch's weight_decay)
/// p = p·(1 − lr·WeightDecay)              if DecoupledWeightDecay (AdamW's, for every optimizer)
/// </code>
/// <para>Values are checked when an optimizer is constructed with them; the message names the
/// optimizer, the group and the hyperparameter.</para>
/// </remarks>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate <c>lr</c> a group starts from (PyTorch's <c>lr</c>, and its schedulers' <c>initial_lr</c>); finite, at least 0.</summary>
    public double LearningRate { get; init; }

    /// <summary>
    /// The weight decay <c>λ</c> (PyTorch's <c>weight_decay</c>); finite, at least 0. Added to the
    /// gradient as <c>λ·p</c> (an L2 penalty of <c>λ/2·‖p‖²</c>) unless <see cref="DecoupledWeightDecay"/>.
    /// </summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Applies <see cref="WeightDecay"/> to the parameters, <c>p = p·(1 − lr·λ)</c> before the update,
    /// instead of adding it to the gradient: AdamW's decoupled weight decay (PyTorch's
    /// <c>torch.optim.AdamW</c>, and <c>decoupled_weight_decay=True</c> of its NAdam and RAdam), here
    /// available to every optimizer.
    /// </summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <summary>
    /// The L1 penalty <c>λ₁</c>: <c>λ₁·sign(p)</c> is added to the gradient (the subgradient of
    /// <c>λ₁·‖p‖₁</c>, 0 at 0), before any weight decay; finite, at least 0. PyTorch has no such argument:
    /// its users add the term to the loss.
    /// </summary>
    public double L1 { get; init; }

    /// <summary>
    /// The hyperparameter a momentum schedule (one-cycle) drives: SGD's and RMSProp's momentum when
    /// above 0 (at 0 they keep no momentum buffer), the Adam family's <c>β1</c>; <see langword="null"/>
    /// for a group without one.
    /// </summary>
    internal virtual double? ScheduledMomentum => null;

    /// <summary>Checks every value; throws naming the first one out of range.</summary>
    internal virtual void Check(in OptionCheck check)
    {
        check.NonNegative(LearningRate, nameof(LearningRate));
        check.NonNegative(WeightDecay, nameof(WeightDecay));
        check.NonNegative(L1, nameof(L1));
    }

    /// <summary>Checks a value the momentum schedule gives (see <see cref="ScheduledMomentum"/>).</summary>
    internal virtual void CheckMomentum(in OptionCheck check, double value) => check.NonNegative(value, "Momentum");
}
