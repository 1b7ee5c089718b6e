using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// A loss as a generated model uses it: the mean loss with its gradient, and the link function
/// Predict applies to raw outputs. Implemented by small readonly structs holding the loss's options
/// (label smoothing, Huber's δ); the model's core keeps one as a field of its own type argument, so
/// every call is direct (no virtual dispatch) and allocates nothing.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TTarget">What outputs are compared against: int class labels or T values.</typeparam>
public interface ILoss<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    /// <summary>Whether targets are class indices (one per sample) rather than one value per output; false unless the loss says so.</summary>
    static virtual bool UsesClassLabels => false;

    /// <summary>Target values per sample for outputs of <paramref name="outputLength"/> values: one per output unless the loss says otherwise.</summary>
    static virtual int TargetsPerSample(int outputLength) => outputLength;

    /// <summary>Turns raw outputs into predictions in place: softmax or sigmoid for a loss that applies one, else (the default) nothing.</summary>
    static virtual void Link(Span<T> outputs, int batch, int outputLength)
    {
    }

    /// <summary>The mean loss over the batch; unless <paramref name="gradient"/> is empty, writes its gradient with respect to the outputs into it.</summary>
    T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<TTarget> targets, Span<T> gradient, int batch, int outputLength);
}
