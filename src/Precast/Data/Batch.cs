using System.Numerics;

namespace Precast.Data;

/// <summary>
/// One batch of samples from a <see cref="BatchSource{T, TTarget}"/>: the inputs and targets of
/// <see cref="Count"/> samples, ready for <c>model.TrainStep(batch.Inputs, batch.Targets)</c>. The
/// spans point into the source's own buffers (or straight into an in-memory dataset), so they are
/// valid only until the enumeration moves on; copy what must be kept.
/// </summary>
/// <typeparam name="T">The input element type.</typeparam>
/// <typeparam name="TTarget">The target element type.</typeparam>
public readonly ref struct Batch<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    internal Batch(ReadOnlySpan<T> inputs, ReadOnlySpan<TTarget> targets, int count, int index)
    {
        Inputs = inputs;
        Targets = targets;
        Count = count;
        Index = index;
    }

    /// <summary>The inputs of <see cref="Count"/> samples, sample after sample.</summary>
    public ReadOnlySpan<T> Inputs { get; }

    /// <summary>The targets of <see cref="Count"/> samples, sample after sample: one class label each for a classifier.</summary>
    public ReadOnlySpan<TTarget> Targets { get; }

    /// <summary>The number of samples: the batch size, or fewer for the last batch of an epoch.</summary>
    public int Count { get; }

    /// <summary>The batch's position in its epoch, from 0.</summary>
    public int Index { get; }
}
