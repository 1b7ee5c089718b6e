using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// <see cref="KLDivergence"/> as a model's loss (<c>Loss.KLDivergence</c>): the outputs are logits,
/// one target probability per output, softmax probabilities from Predict.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct KLDivergenceLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static void Link(Span<T> outputs, int batch, int outputLength) =>
        Kernels.Softmax.Forward<T>(outputs, outputs, batch, outputLength);

    /// <inheritdoc/>
    public T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        KLDivergence.Compute(outputs, targets, gradient, batch, outputLength);
}
