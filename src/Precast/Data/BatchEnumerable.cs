using System.Numerics;

namespace Precast.Data;

/// <summary>
/// The batches of one epoch, for <c>foreach (var batch in source.Epoch(e))</c>. Each enumeration
/// starts the epoch afresh: the same epoch number always gives the same batches.
/// </summary>
/// <typeparam name="T">The input element type.</typeparam>
/// <typeparam name="TTarget">The target element type.</typeparam>
public readonly struct BatchEnumerable<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    private readonly BatchSource<T, TTarget> _source;
    private readonly int _epoch;
    private readonly int _startBatch;
    private readonly CancellationToken _cancellation;

    internal BatchEnumerable(BatchSource<T, TTarget> source, int epoch, int startBatch, CancellationToken cancellation)
    {
        _source = source;
        _epoch = epoch;
        _startBatch = startBatch;
        _cancellation = cancellation;
    }

    /// <summary>Starts the epoch (ending any earlier enumeration of the same source) and returns an enumerator over its batches.</summary>
    public BatchEnumerator<T, TTarget> GetEnumerator() => new(_source, _source.Begin(_epoch, _startBatch, _cancellation), _startBatch);
}
