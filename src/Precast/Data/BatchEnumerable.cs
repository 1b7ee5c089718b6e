namespace Precast.Data;

/// <summary>
/// The batches of one epoch, for <c>foreach (Batch batch in batcher.Epoch(e))</c>. Each
/// enumeration starts the epoch afresh: the same epoch number always gives the same batches.
/// </summary>
public readonly struct BatchEnumerable
{
    private readonly Batcher _batcher;
    private readonly int _epoch;

    internal BatchEnumerable(Batcher batcher, int epoch)
    {
        _batcher = batcher;
        _epoch = epoch;
    }

    /// <summary>Orders the samples for this epoch and returns an enumerator over its batches.</summary>
    public BatchEnumerator GetEnumerator() => new(_batcher, _batcher.BeginEpoch(_epoch));
}
