using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// <see cref="MeanAbsoluteError"/> as a model's loss (<c>Loss.MeanAbsoluteError</c>): one real target per
/// output, the outputs as they are from Predict.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct MeanAbsoluteErrorLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        MeanAbsoluteError.Compute(outputs, targets, gradient);
}
