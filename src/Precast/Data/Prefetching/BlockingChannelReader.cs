using System.Threading.Channels;

namespace Precast.Data.Prefetching;

/// <summary>
/// Takes items from a channel on a thread that may block, without allocating: when the channel is
/// empty it waits on the channel's own reusable waiter (<see cref="ChannelReader{T}.WaitToReadAsync"/>
/// without a token, which a bounded channel serves from one pooled operation) and parks the thread
/// on an event that the waiter's continuation sets. <c>WaitToReadAsync(...).AsTask().Wait()</c>
/// would allocate a task per wait, and training loops are synchronous.
/// </summary>
/// <remarks>
/// One thread per instance. Channels read through it must be created with
/// <c>AllowSynchronousContinuations</c>, so that the continuation (setting an event) runs on the
/// writing thread instead of being queued, and allocated, on the thread pool. A wait abandoned by
/// cancellation leaves the channel's waiter registered: the owner must then replace the channel
/// and this reader.
/// </remarks>
internal sealed class BlockingChannelReader : IDisposable
{
    private readonly ManualResetEventSlim _signal = new(initialState: false);
    private readonly Action _wake;

    public BlockingChannelReader() => _wake = _signal.Set;

    /// <summary>
    /// Returns the next item, blocking until there is one; <see langword="false"/> once the
    /// channel is completed and empty.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting.</exception>
    public bool TryRead(ChannelReader<int> reader, CancellationToken cancellation, out int item)
    {
        while (!reader.TryRead(out item))
        {
            _signal.Reset();
            ValueTask<bool> waiting = reader.WaitToReadAsync(CancellationToken.None);
            if (!waiting.IsCompleted)
            {
                waiting.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_wake);
                // The operation is complete before its continuation sets the event, so checking
                // IsCompleted after each wake-up never misses a completion.
                while (!waiting.IsCompleted)
                {
                    _signal.Wait(cancellation);
                    _signal.Reset();
                }
            }
            if (!waiting.GetAwaiter().GetResult())
                return false;
        }
        return true;
    }

    public void Dispose() => _signal.Dispose();
}
