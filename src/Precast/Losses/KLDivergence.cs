using System.Numerics;
using Precast.Kernels;

namespace Precast.Losses;

/// <summary>
/// Kullback–Leibler divergence of the model's softmax distribution from a target distribution,
/// from logits: per row <c>KL(t ‖ softmax(x)) = Σ_c t_c·(log t_c − log softmax(x)_c)</c>, averaged over
/// the rows. The same value as PyTorch's <c>F.kl_div(F.log_softmax(x, -1), t, reduction="batchmean")</c>:
/// the model outputs logits and the loss applies the log-softmax, and a zero target contributes 0.
/// </summary>
/// <remarks>
/// The divergence differs from <see cref="SoftmaxCrossEntropy"/> against the same targets only by the
/// targets' entropy, which does not depend on the logits: the gradients are equal, and the loss is 0
/// when the model's distribution equals the target. As in PyTorch the targets are not checked to be a
/// distribution; a negative target makes the loss NaN.
/// </remarks>
public static class KLDivergence
{
    /// <summary>
    /// Returns the mean divergence over the batch and, unless <paramref name="gradient"/> is empty,
    /// writes its gradient with respect to the logits, <c>(softmax(row)·Σ_c t_c − t) / batch</c>.
    /// <paramref name="gradient"/> may be <paramref name="logits"/> itself. Every sum is accurate for
    /// rows and batches of any length.
    /// </summary>
    /// <param name="logits">The logits, batch × classes values.</param>
    /// <param name="targets">The target distribution of each row, batch × classes values.</param>
    /// <param name="gradient">Empty, or batch × classes values to receive the gradient.</param>
    /// <param name="batch">The number of rows, at least 1.</param>
    /// <param name="classes">The number of classes, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "KLDivergence.Compute";
        SoftmaxCrossEntropy.CheckRows(logits.Length, gradient.Length, batch, classes, method);
        KernelGuard.SameLength(targets.Length, logits.Length, method, nameof(targets), nameof(logits));
        return DistributionRows.Mean(logits, targets, gradient, batch, classes, T.Zero, withEntropy: true);
    }
}
