using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// <see cref="SoftmaxCrossEntropy"/> against integer labels as a model's loss (<c>Loss.SoftmaxCrossEntropy</c>):
/// one class index per sample, softmax probabilities from Predict.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SoftmaxCrossEntropyLoss<T> : ILoss<T, int>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The loss with label smoothing ε (the default value of the struct has none).</summary>
    /// <param name="labelSmoothing">ε, from 0 to 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public SoftmaxCrossEntropyLoss(T labelSmoothing)
    {
        SoftmaxCrossEntropy.CheckLabelSmoothing(labelSmoothing, "SoftmaxCrossEntropyLoss");
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Label smoothing ε: the target is <c>(1 − ε)·onehot(label) + ε/C</c>.</summary>
    public T LabelSmoothing { get; }

    /// <inheritdoc/>
    public static bool UsesClassLabels => true;

    /// <inheritdoc/>
    public static int TargetsPerSample(int outputLength) => 1;

    /// <inheritdoc/>
    public static void Link(Span<T> outputs, int batch, int outputLength) =>
        Kernels.Softmax.Forward<T>(outputs, outputs, batch, outputLength);

    /// <inheritdoc/>
    public T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<int> targets, Span<T> gradient, int batch, int outputLength) =>
        SoftmaxCrossEntropy.Compute(outputs, targets, gradient, batch, outputLength, LabelSmoothing);
}
