namespace Precast.Data;

/// <summary>
/// One batch of samples from a <see cref="Batcher"/>. The spans point into the batcher's own
/// buffers (or, without shuffling, straight into the dataset), so they are valid only until the
/// enumeration moves on; copy what must be kept.
/// </summary>
public readonly ref struct Batch
{
    internal Batch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, int index)
    {
        Inputs = inputs;
        Labels = labels;
        Index = index;
    }

    /// <summary>The inputs of <see cref="Count"/> samples, sample after sample.</summary>
    public ReadOnlySpan<float> Inputs { get; }

    /// <summary>The class of each sample in the batch.</summary>
    public ReadOnlySpan<int> Labels { get; }

    /// <summary>The number of samples: the batch size, or fewer for the last batch of an epoch.</summary>
    public int Count => Labels.Length;

    /// <summary>The batch's position in its epoch, from 0.</summary>
    public int Index { get; }
}
