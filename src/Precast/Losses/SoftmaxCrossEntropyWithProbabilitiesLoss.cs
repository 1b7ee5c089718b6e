using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// <see cref="SoftmaxCrossEntropy"/> against a probability distribution per sample as a model's loss
/// (<c>Loss.SoftmaxCrossEntropyWithProbabilities</c>): one target value per output (one-hot or soft),
/// softmax probabilities from Predict.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SoftmaxCrossEntropyWithProbabilitiesLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The loss with label smoothing ε (the default value of the struct has none).</summary>
    /// <param name="labelSmoothing">ε, from 0 to 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public SoftmaxCrossEntropyWithProbabilitiesLoss(T labelSmoothing)
    {
        SoftmaxCrossEntropy.CheckLabelSmoothing(labelSmoothing, "SoftmaxCrossEntropyWithProbabilitiesLoss");
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Label smoothing ε: the target is <c>(1 − ε)·t + ε/C</c>.</summary>
    public T LabelSmoothing { get; }

    /// <inheritdoc/>
    public static void Link(Span<T> outputs, int batch, int outputLength) =>
        Kernels.Softmax.Forward<T>(outputs, outputs, batch, outputLength);

    /// <inheritdoc/>
    public T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        SoftmaxCrossEntropy.Compute(outputs, targets, gradient, batch, outputLength, LabelSmoothing);
}
