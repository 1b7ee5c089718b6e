using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// <see cref="MeanSquaredError"/> as a model's loss (<c>Loss.MeanSquaredError</c>): one real target per
/// output, the outputs as they are from Predict.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct MeanSquaredErrorLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        MeanSquaredError.Compute(outputs, targets, gradient);
}
