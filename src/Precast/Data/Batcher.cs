namespace Precast.Data;

/// <summary>
/// Cuts a <see cref="Dataset"/> into batches, epoch after epoch, in a seeded random order:
/// <code>
/// var batcher = new Batcher(train, batchSize: 64, seed: 42);
/// for (int epoch = 0; epoch &lt; 10; epoch++)
///     foreach (Batch batch in batcher.Epoch(epoch))
///         model.TrainStep(batch.Inputs, batch.Labels);
/// </code>
/// The order of epoch <c>e</c> depends only on the seed and <c>e</c>, so any epoch can be
/// reproduced on its own (for instance when resuming training). The batcher gathers samples into
/// buffers it allocates once, so an epoch allocates nothing; it therefore serves one enumeration
/// at a time.
/// </summary>
public sealed class Batcher
{
    private readonly int[] _order;
    private readonly float[] _inputs;
    private readonly int[] _labels;
    private int _generation;

    /// <summary>Prepares batches of <paramref name="batchSize"/> samples from <paramref name="data"/>.</summary>
    /// <param name="data">The samples.</param>
    /// <param name="batchSize">Samples per batch; at least 1.</param>
    /// <param name="shuffle">Whether to visit the samples in a new random order each epoch, or always in dataset order.</param>
    /// <param name="seed">Chooses the random orders.</param>
    /// <param name="dropLast">Whether to skip the last batch of an epoch when it has fewer than <paramref name="batchSize"/> samples.</param>
    public Batcher(Dataset data, int batchSize, bool shuffle = true, ulong seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batcher: 'batchSize' must be at least 1.");
        if (dropLast && batchSize > data.Count)
            throw new ArgumentException(
                $"Batcher: 'batchSize' {batchSize} is larger than the dataset's {InvariantText.Count(data.Count)} samples and 'dropLast' is set, " +
                "so every epoch would be empty; use a smaller batch or keep the last partial batch.",
                nameof(batchSize));

        Data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        BatchesPerEpoch = dropLast ? data.Count / batchSize : (data.Count + batchSize - 1) / batchSize;

        // Without shuffling every batch is a contiguous run of the dataset and is handed out in
        // place, so the gather buffers are only needed when shuffling.
        int gathered = shuffle ? Math.Min(batchSize, data.Count) : 0;
        _order = shuffle ? new int[data.Count] : [];
        _inputs = new float[gathered * data.SampleLength];
        _labels = new int[gathered];
    }

    /// <summary>The samples being batched.</summary>
    public Dataset Data { get; }

    /// <summary>Samples per batch (the last batch of an epoch may have fewer unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the samples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the random orders.</summary>
    public ulong Seed { get; }

    /// <summary>Whether the last, partial batch of an epoch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches in each epoch: 938 for 60,000 samples at batch 64.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, for <c>foreach</c>. With shuffling, the order
    /// is a Fisher–Yates permutation drawn from the random stream (<see cref="Seed"/>, epoch).
    /// Starting a new enumeration ends any earlier one on this batcher.
    /// </summary>
    /// <param name="epoch">The epoch number, from 0.</param>
    public BatchEnumerable Epoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return new BatchEnumerable(this, epoch);
    }

    /// <summary>Orders the samples for <paramref name="epoch"/>; returns the generation that identifies this enumeration.</summary>
    internal int BeginEpoch(int epoch)
    {
        if (Shuffle)
            Permutation.Fill(_order, Seed, (ulong)epoch);
        return ++_generation;
    }

    internal void CheckGeneration(int generation)
    {
        if (generation != _generation)
            throw new InvalidOperationException(
                "Batcher: this epoch's enumeration was ended by a newer call to Epoch(...) on the same batcher, which reuses the same " +
                "buffers and order; enumerate one epoch at a time, or use one Batcher per concurrent enumeration.");
    }

    /// <summary>Gathers batch <paramref name="index"/> into the buffers (only needed when shuffling).</summary>
    internal void Fill(int index)
    {
        if (!Shuffle)
            return;
        int start = index * BatchSize;
        int count = CountOf(index);
        int sampleLength = Data.SampleLength;
        float[] inputs = Data.Inputs;
        int[] labels = Data.Labels;
        for (int i = 0; i < count; i++)
        {
            int sample = _order[start + i];
            inputs.AsSpan(sample * sampleLength, sampleLength).CopyTo(_inputs.AsSpan(i * sampleLength, sampleLength));
            _labels[i] = labels[sample];
        }
    }

    /// <summary>Batch <paramref name="index"/>, as filled by <see cref="Fill"/>.</summary>
    internal Batch View(int index)
    {
        if ((uint)index >= (uint)BatchesPerEpoch)
            throw new InvalidOperationException("Batcher: there is no current batch; call MoveNext first, and not after it returned false.");
        int count = CountOf(index);
        int sampleLength = Data.SampleLength;
        return Shuffle
            ? new Batch(_inputs.AsSpan(0, count * sampleLength), _labels.AsSpan(0, count), index)
            : new Batch(Data.Inputs.AsSpan(index * BatchSize * sampleLength, count * sampleLength), Data.Labels.AsSpan(index * BatchSize, count), index);
    }

    private int CountOf(int index) => Math.Min(BatchSize, Data.Count - index * BatchSize);
}
