namespace Precast;

/// <summary>
/// Batch normalization, as PyTorch's <c>nn.BatchNorm1d</c> / <c>nn.BatchNorm2d</c>:
/// <c>y = γ·(x − μ) / √(σ² + ε) + β</c> per channel, over the batch and every position of a
/// <c>[channels, height, width]</c> or <c>[channels, length]</c> sample, or per feature of a
/// <c>[features]</c> sample. While training, μ and σ² are the batch's (σ² biased) and the running
/// statistics move towards them: <c>running = (1 − Momentum)·running + Momentum·batch</c>, with the
/// unbiased variance; in inference the running statistics are used. γ (<c>weight</c>, starting at 1)
/// and β (<c>bias</c>, starting at 0) are trained; <c>running_mean</c>, <c>running_var</c> and
/// <c>num_batches_tracked</c> are the model's non-trainable state, saved in checkpoints under
/// PyTorch's names.
/// </summary>
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>How far the running statistics move towards each batch's, in (0, 1]. Defaults to 0.1 (PyTorch's; Keras's 0.99 is 0.01 here).</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance before the square root, greater than 0. Defaults to 1e-5 (PyTorch's).</summary>
    public double Epsilon { get; set; } = 1e-5;
}
