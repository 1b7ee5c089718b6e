using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// <see cref="Huber"/> as a model's loss (<c>Loss.Huber</c>): one real target per output, the outputs
/// as they are from Predict.
/// </summary>
/// <remarks>
/// Create it with its constructor: the default value of the struct has δ = 0, which
/// <see cref="Compute"/> rejects, naming the problem.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct HuberLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The loss with threshold δ.</summary>
    /// <param name="delta">δ, positive and finite; PyTorch's default is 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive and finite.</exception>
    public HuberLoss(T delta)
    {
        Huber.CheckDelta(delta, "HuberLoss");
        Delta = delta;
    }

    /// <summary>The threshold δ between the quadratic and the linear part.</summary>
    public T Delta { get; }

    /// <inheritdoc/>
    public T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        Huber.Compute(outputs, targets, gradient, Delta);
}
