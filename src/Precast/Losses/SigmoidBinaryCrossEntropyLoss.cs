using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// <see cref="SigmoidBinaryCrossEntropy"/> as a model's loss (<c>Loss.SigmoidBinaryCrossEntropy</c>):
/// one target in [0, 1] per output, sigmoid probabilities from Predict.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SigmoidBinaryCrossEntropyLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static void Link(Span<T> outputs, int batch, int outputLength) => Kernels.Sigmoid.Forward<T>(outputs, outputs);

    /// <inheritdoc/>
    public T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        SigmoidBinaryCrossEntropy.Compute(outputs, targets, gradient);
}
