namespace Precast.Optimizers;

/// <summary>
/// The hyperparameters of <see cref="Adam{T}"/>, with PyTorch's names and defaults
/// (<c>torch.optim.Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False)</c>).
/// For <c>torch.optim.AdamW</c> set <see cref="OptimizerOptions.DecoupledWeightDecay"/>, and
/// <see cref="OptimizerOptions.WeightDecay"/> (AdamW's default is 0.01, here it is 0 for both forms).
/// </summary>
public sealed record AdamOptions : AdaptiveMomentOptions
{
    /// <summary>Options with PyTorch's defaults: learning rate 1e-3.</summary>
    public AdamOptions() => LearningRate = 1e-3;

    /// <summary>
    /// AMSGrad: divide by the largest second moment seen so far rather than the current one, so the
    /// step size never grows (PyTorch's <c>amsgrad</c>). Keeps a third buffer.
    /// </summary>
    public bool Amsgrad { get; init; }
}
