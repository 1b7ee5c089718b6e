using System.Numerics;

namespace Precast.Data;

/// <summary>Steps through the batches of one epoch; see <see cref="BatchSource{T, TTarget}.Epoch(int, int, CancellationToken)"/>.</summary>
/// <typeparam name="T">The input element type.</typeparam>
/// <typeparam name="TTarget">The target element type.</typeparam>
public struct BatchEnumerator<T, TTarget> : IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    private readonly BatchSource<T, TTarget> _source;
    private readonly int _generation;
    private int _index;

    internal BatchEnumerator(BatchSource<T, TTarget> source, int generation, int startBatch)
    {
        _source = source;
        _generation = generation;
        _index = startBatch - 1;
    }

    /// <summary>The batch the enumerator is on.</summary>
    /// <exception cref="InvalidOperationException">Before the first <see cref="MoveNext"/>, after the last, or after another epoch began.</exception>
    public readonly Batch<T, TTarget> Current => _source.Current(_generation, _index);

    /// <summary>Moves to the next batch; <see langword="false"/> after the last.</summary>
    /// <exception cref="InvalidOperationException">Another epoch was started on the same source since this one began.</exception>
    /// <exception cref="OperationCanceledException">The epoch's cancellation token was cancelled.</exception>
    public bool MoveNext() => _source.MoveNext(_generation, ref _index);

    /// <summary>
    /// Ends the enumeration (<c>foreach</c> calls this, also on <c>break</c> or an exception): a
    /// prefetcher stops reading ahead for an epoch nobody finishes.
    /// </summary>
    public readonly void Dispose() => _source.End(_generation);
}
