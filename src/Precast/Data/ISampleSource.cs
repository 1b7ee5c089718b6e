using System.Numerics;

namespace Precast.Data;

/// <summary>
/// Samples of fixed size that can be read in any order: what a <see cref="Batcher{T, TTarget}"/>
/// cuts into batches. Each sample is an input of <see cref="SampleLength"/> values (a tensor of
/// <see cref="SampleShape"/>, row-major, channels first for images) and a target of
/// <see cref="TargetLength"/> values: class labels (<see cref="int"/>) or values
/// (<see cref="float"/>, <see cref="double"/>) for a regression loss.
/// </summary>
/// <remarks>
/// Implemented by the in-memory <see cref="Dataset{T, TTarget}"/> and by sources that read each
/// sample when asked (<see cref="Images.ImageFiles"/>); implement it to feed anything else through
/// the batcher, its augmentation and its prefetching. A batcher calls <see cref="Read"/> from one
/// thread at a time (its own, or its <see cref="Prefetcher{T, TTarget}"/>'s producer thread), so an
/// implementation may keep scratch buffers.
/// </remarks>
/// <typeparam name="T">The input element type: <see cref="float"/> or <see cref="double"/>, as the model's.</typeparam>
/// <typeparam name="TTarget">The target element type, as the model's loss takes it.</typeparam>
public interface ISampleSource<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    /// <summary>The number of samples, at least 1.</summary>
    int Count { get; }

    /// <summary>The shape of one input, without the batch dimension: <c>[1, 28, 28]</c> for Fashion-MNIST.</summary>
    ReadOnlySpan<int> SampleShape { get; }

    /// <summary>Values in one input: the product of <see cref="SampleShape"/>.</summary>
    int SampleLength { get; }

    /// <summary>Values in one target: 1 for a class label.</summary>
    int TargetLength { get; }

    /// <summary>Writes sample <paramref name="index"/>'s input and target.</summary>
    /// <param name="index">The sample, in [0, <see cref="Count"/>).</param>
    /// <param name="input">Receives exactly <see cref="SampleLength"/> values.</param>
    /// <param name="target">Receives exactly <see cref="TargetLength"/> values.</param>
    void Read(int index, Span<T> input, Span<TTarget> target);
}
