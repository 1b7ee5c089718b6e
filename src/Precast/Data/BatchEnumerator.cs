namespace Precast.Data;

/// <summary>Steps through the batches of one epoch; see <see cref="Batcher.Epoch"/>.</summary>
public struct BatchEnumerator
{
    private readonly Batcher _batcher;
    private readonly int _generation;
    private int _index;

    internal BatchEnumerator(Batcher batcher, int generation)
    {
        _batcher = batcher;
        _generation = generation;
        _index = -1;
    }

    /// <summary>The batch the enumerator is on.</summary>
    public readonly Batch Current => _batcher.View(_index);

    /// <summary>Moves to the next batch, filling the batcher's buffers; <see langword="false"/> after the last.</summary>
    /// <exception cref="InvalidOperationException">Another epoch was started on the same batcher since this one began.</exception>
    public bool MoveNext()
    {
        _batcher.CheckGeneration(_generation);
        if (_index + 1 >= _batcher.BatchesPerEpoch)
        {
            _index = _batcher.BatchesPerEpoch;
            return false;
        }
        _index++;
        _batcher.Fill(_index);
        return true;
    }
}
