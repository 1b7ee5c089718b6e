namespace Precast.Optimizers;

/// <summary>
/// The hyperparameters of <see cref="NAdam{T}"/>, with PyTorch's names and defaults
/// (<c>torch.optim.NAdam(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3)</c>).
/// </summary>
public sealed record NAdamOptions : AdaptiveMomentOptions
{
    /// <summary>Options with PyTorch's defaults: learning rate 2e-3, momentum decay 4e-3.</summary>
    public NAdamOptions()
    {
        LearningRate = 2e-3;
        MomentumDecay = 4e-3;
    }

    /// <summary>
    /// The momentum decay <c>ψ</c> of Dozat's schedule <c>μ_t = β1·(1 − 0.5·0.96^(t·ψ))</c>; finite, at least 0.
    /// </summary>
    public double MomentumDecay { get; init; }

    internal override void Check(in OptionCheck check)
    {
        base.Check(check);
        check.NonNegative(MomentumDecay, nameof(MomentumDecay));
    }
}
