namespace Precast.Optimizers;

/// <summary>
/// The hyperparameters of <see cref="RAdam{T}"/>, with PyTorch's names and defaults
/// (<c>torch.optim.RAdam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)</c>).
/// </summary>
public sealed record RAdamOptions : AdaptiveMomentOptions
{
    /// <summary>Options with PyTorch's defaults: learning rate 1e-3.</summary>
    public RAdamOptions() => LearningRate = 1e-3;
}
