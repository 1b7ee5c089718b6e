namespace Precast.Data;

/// <summary>
/// Preparing a batch failed on a <see cref="Prefetcher{T, TTarget}"/>'s background thread: thrown
/// on the consuming thread, at the batch that could not be prepared, with the original exception
/// (a bad image, a missing file) as <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class PrefetchException : Exception
{
    /// <summary>Creates the exception for batch <paramref name="batchIndex"/> of <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The epoch being prepared.</param>
    /// <param name="batchIndex">The batch that failed.</param>
    /// <param name="innerException">What the producer thread threw.</param>
    public PrefetchException(int epoch, int batchIndex, Exception innerException)
        : base($"Prefetcher: preparing batch {batchIndex} of epoch {epoch} failed on the background thread: " +
               $"{innerException?.GetType().Name}: {innerException?.Message}", innerException)
    {
        Epoch = epoch;
        BatchIndex = batchIndex;
    }

    /// <summary>The epoch being prepared.</summary>
    public int Epoch { get; }

    /// <summary>The batch that failed, from 0.</summary>
    public int BatchIndex { get; }
}
