using System.Numerics;

namespace Precast.Data;

/// <summary>
/// Batches of samples, epoch after epoch: what a training loop (or a trainer) consumes. A
/// <see cref="Batcher{T, TTarget}"/> prepares each batch when asked; a
/// <see cref="Prefetcher{T, TTarget}"/> prepares them ahead on a background thread. Both hand out
/// the same batches in the same order for the same settings:
/// <code>
/// for (int epoch = 0; epoch &lt; 10; epoch++)
///     foreach (var batch in source.Epoch(epoch))
///         model.TrainStep(batch.Inputs, batch.Targets);
/// </code>
/// One enumeration at a time: starting an epoch ends any earlier enumeration of the same source.
/// </summary>
/// <typeparam name="T">The input element type: <see cref="float"/> or <see cref="double"/>, as the model's.</typeparam>
/// <typeparam name="TTarget">The target element type: <see cref="int"/> class labels or values, as the model's loss takes them.</typeparam>
public abstract class BatchSource<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    // Only the batcher and the prefetcher derive: the enumeration protocol below is theirs. New kinds
    // of data come in through ISampleSource, which every batch source reads through.
    private protected BatchSource()
    {
    }

    /// <summary>The samples behind the batches.</summary>
    public abstract ISampleSource<T, TTarget> Samples { get; }

    /// <summary>Samples per batch (the last batch of an epoch may have fewer unless <see cref="DropLast"/>).</summary>
    public abstract int BatchSize { get; }

    /// <summary>Whether the last, partial batch of an epoch is skipped.</summary>
    public abstract bool DropLast { get; }

    /// <summary>Batches in each epoch: 938 for 60,000 samples at batch 64.</summary>
    public abstract int BatchesPerEpoch { get; }

    /// <summary>Samples in each epoch: every sample, less the partial batch when <see cref="DropLast"/>.</summary>
    public int SamplesPerEpoch => DropLast ? BatchesPerEpoch * BatchSize : Samples.Count;

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, for <c>foreach</c>. Starting the enumeration
    /// ends any earlier one on this source.
    /// </summary>
    /// <param name="epoch">The epoch number, from 0: it chooses the shuffle and the augmentation.</param>
    /// <param name="cancellationToken">Stops the epoch: the next <c>MoveNext</c> (or the wait for a batch) throws <see cref="OperationCanceledException"/>.</param>
    public BatchEnumerable<T, TTarget> Epoch(int epoch, CancellationToken cancellationToken = default)
        => Epoch(epoch, startBatch: 0, cancellationToken);

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/> from batch <paramref name="startBatch"/> on:
    /// the rest of an epoch a resumed run had started (<see cref="Checkpoints.TrainingPosition.Batch"/>).
    /// They are the batches an enumeration from the start would reach, with the same samples in the
    /// same order and the same augmentation; the skipped ones are not read.
    /// </summary>
    /// <param name="epoch">The epoch number, from 0: it chooses the shuffle and the augmentation.</param>
    /// <param name="startBatch">The first batch to hand out, from 0 to <see cref="BatchesPerEpoch"/> (which gives none).</param>
    /// <param name="cancellationToken">Stops the epoch: the next <c>MoveNext</c> (or the wait for a batch) throws <see cref="OperationCanceledException"/>.</param>
    public BatchEnumerable<T, TTarget> Epoch(int epoch, int startBatch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (startBatch < 0 || startBatch > BatchesPerEpoch)
            throw new ArgumentOutOfRangeException(nameof(startBatch), startBatch,
                $"{GetType().Name[..GetType().Name.IndexOf('`', StringComparison.Ordinal)]}.Epoch: 'startBatch' is {startBatch}; " +
                $"expected 0 to {BatchesPerEpoch}, the batches in an epoch.");
        return new BatchEnumerable<T, TTarget>(this, epoch, startBatch, cancellationToken);
    }

    /// <summary>
    /// Starts an enumeration of <paramref name="epoch"/> whose first batch is <paramref name="startBatch"/>;
    /// returns the generation that identifies it.
    /// </summary>
    internal abstract int Begin(int epoch, int startBatch, CancellationToken cancellation);

    /// <summary>Moves the enumeration <paramref name="generation"/> from batch <paramref name="index"/> to the next.</summary>
    internal abstract bool MoveNext(int generation, ref int index);

    /// <summary>Batch <paramref name="index"/> of enumeration <paramref name="generation"/>, as the latest MoveNext prepared it.</summary>
    internal abstract Batch<T, TTarget> Current(int generation, int index);

    /// <summary>Ends enumeration <paramref name="generation"/> if it is still the current one.</summary>
    internal abstract void End(int generation);

    /// <summary>The message for an enumerator used after a newer <see cref="Epoch(int, CancellationToken)"/> began.</summary>
    private protected InvalidOperationException Superseded() => new(
        $"{GetType().Name[..GetType().Name.IndexOf('`', StringComparison.Ordinal)]}: this epoch's enumeration was ended by a newer call to Epoch(...) " +
        "on the same source, which reuses the same buffers; enumerate one epoch at a time, or use one source per concurrent enumeration.");

    /// <summary>The message for <c>Current</c> outside the batches.</summary>
    private protected InvalidOperationException NoCurrentBatch() => new(
        $"{GetType().Name[..GetType().Name.IndexOf('`', StringComparison.Ordinal)]}: there is no current batch; call MoveNext first, and not after it returned false.");
}
