using System.Numerics;
using System.Threading.Channels;
using Precast.Data.Prefetching;

namespace Precast.Data;

/// <summary>
/// Prepares a <see cref="Batcher{T, TTarget}"/>'s batches on a background thread, so that reading,
/// decoding and augmenting the next batches overlaps training on the current one (TensorFlow's
/// queue runners, PyTorch's <c>DataLoader</c> workers): an epoch with a slow reader takes about
/// the longer of the reading and the training, not their sum. Made by
/// <see cref="Batcher{T, TTarget}.Prefetch"/>; enumerated like the batcher, with the same batches in
/// the same order:
/// <code>
/// using var batches = new Batcher&lt;float, int&gt;(images, 64, seed: 1, transform: augment).Prefetch(depth: 2);
/// foreach (var batch in batches.Epoch(epoch, cancellationToken))
///     model.TrainStep(batch.Inputs, batch.Targets);
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// A fixed pool of <c>depth + 1</c> batch buffers circulates between the two threads through two
/// bounded <see cref="Channel{T}"/>s of buffer numbers: the producer takes a free buffer, fills it
/// with the next batch (one producer, so batches arrive in order) and queues it as ready; the
/// consumer takes the ready buffer and hands it back when it moves past it. After the first epoch
/// the consuming thread allocates nothing, waiting included; the producer allocates only what the
/// source's reads do (an image decoder's buffers, say).
/// </para>
/// <para>
/// An exception on the producer thread reaches the consumer at the batch it was preparing, as a
/// <see cref="PrefetchException"/> holding the original. Cancelling an epoch's token or leaving a
/// <c>foreach</c> early tells the producer to stop after the sample it is reading, and returns at
/// once; starting another epoch and disposing wait until it has stopped. Dispose the prefetcher to
/// end its thread and give the batcher back.
/// </para>
/// </remarks>
/// <typeparam name="T">The input element type.</typeparam>
/// <typeparam name="TTarget">The target element type.</typeparam>
public sealed class Prefetcher<T, TTarget> : BatchSource<T, TTarget>, IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    private const int Stop = -1;

    private readonly Batcher<T, TTarget> _batcher;
    private readonly T[][] _inputs;
    private readonly TTarget[][] _targets;
    private readonly int[] _batchOf;
    private readonly SemaphoreSlim _work = new(0);
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private Channel<int> _free = null!;
    private Channel<int> _ready = null!;
    private BlockingChannelReader _freeReader = null!;
    private BlockingChannelReader _readyReader = null!;
    private bool _replaceChannels = true;
    private Thread? _thread;
    private bool _disposed;

    // The current enumeration, set by the consumer before it wakes the producer.
    private int _generation;
    private int _epoch;
    private int _startBatch;
    private CancellationToken _cancellation;
    private int _held = -1;
    private PrefetchException? _failure;
    private volatile bool _stopRequested;

    // Written by the producer before it queues the Stop marker that reports them.
    private Exception? _producerError;
    private int _producerIndex;

    internal Prefetcher(Batcher<T, TTarget> batcher, int depth)
    {
        ArgumentNullException.ThrowIfNull(batcher);
        if (depth < 1)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "Prefetcher: 'depth' must be at least 1.");
        batcher.SetPrefetched(true);
        _batcher = batcher;
        Depth = depth;
        int buffers = depth + 1;
        _inputs = new T[buffers][];
        _targets = new TTarget[buffers][];
        _batchOf = new int[buffers];
        for (int i = 0; i < buffers; i++)
        {
            _inputs[i] = new T[batcher.BatchInputLength];
            _targets[i] = new TTarget[batcher.BatchTargetLength];
        }
    }

    /// <summary>Batches prepared ahead of the one being consumed, at most.</summary>
    public int Depth { get; }

    /// <summary>The batcher whose batches this prefetcher prepares.</summary>
    public Batcher<T, TTarget> Batcher => _batcher;

    /// <inheritdoc/>
    public override ISampleSource<T, TTarget> Samples => _batcher.Samples;

    /// <inheritdoc/>
    public override int BatchSize => _batcher.BatchSize;

    /// <inheritdoc/>
    public override bool DropLast => _batcher.DropLast;

    /// <inheritdoc/>
    public override int BatchesPerEpoch => _batcher.BatchesPerEpoch;

    /// <summary>Stops the producer thread, waits for it to end, and gives the batcher back.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        StopProducer();
        _disposed = true;
        _generation++;
        if (_thread is not null)
        {
            _work.Release();
            _thread.Join();
        }
        _batcher.SetPrefetched(false);
        _work.Dispose();
        _idle.Dispose();
        _freeReader?.Dispose();
        _readyReader?.Dispose();
    }

    internal override int Begin(int epoch, int startBatch, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        StopProducer();
        ResetBuffers();
        _epoch = epoch;
        _startBatch = startBatch;
        _cancellation = cancellation;
        _held = -1;
        _failure = null;
        _producerError = null;
        _stopRequested = false;
        if (_thread is null)
        {
            _thread = new Thread(Produce) { IsBackground = true, Name = "Precast prefetcher" };
            _thread.Start();
        }
        _idle.Reset();
        _work.Release();
        return ++_generation;
    }

    internal override bool MoveNext(int generation, ref int index)
    {
        CheckGeneration(generation);
        if (_failure is not null)
            throw _failure;
        if (_held >= 0)
        {
            _free.Writer.TryWrite(_held);
            _held = -1;
        }
        if (index + 1 >= BatchesPerEpoch)
        {
            index = BatchesPerEpoch;
            return false;
        }
        _cancellation.ThrowIfCancellationRequested();

        int buffer;
        try
        {
            _readyReader.TryRead(_ready.Reader, _cancellation, out buffer);
        }
        catch (OperationCanceledException)
        {
            // The abandoned wait leaves a waiter on the channel: take fresh ones next epoch. The
            // producer may be inside a slow read; the next Begin waits for it, not this throw.
            _replaceChannels = true;
            RequestStop();
            throw;
        }
        if (buffer == Stop)
        {
            _failure = new PrefetchException(_epoch, _producerIndex, _producerError!);
            throw _failure;
        }
        _held = buffer;
        index++;
        return true;
    }

    internal override Batch<T, TTarget> Current(int generation, int index)
    {
        CheckGeneration(generation);
        if (_held < 0 || _batchOf[_held] != index)
            throw NoCurrentBatch();
        int count = _batcher.CountOf(index);
        return new Batch<T, TTarget>(
            _inputs[_held].AsSpan(0, count * _batcher.SampleLength), _targets[_held].AsSpan(0, count * _batcher.TargetLength), count, index);
    }

    internal override void End(int generation)
    {
        // Leaving a foreach early returns at once; the next Begin (or Dispose) waits for the producer.
        if (generation == _generation && !_disposed)
            RequestStop();
    }

    /// <summary>The producer thread: one epoch per signal, until disposed.</summary>
    private void Produce()
    {
        while (true)
        {
            _work.Wait();
            if (_disposed)
                return;
            try
            {
                ProduceEpoch();
            }
            catch (Exception error)
            {
                _producerError = error;
                _ready.Writer.TryWrite(Stop);
            }
            finally
            {
                _idle.Set();
            }
        }
    }

    private void ProduceEpoch()
    {
        int epoch = _epoch;
        CancellationToken cancellation = _cancellation;
        _batcher.Order(epoch);
        for (int index = _startBatch; index < BatchesPerEpoch; index++)
        {
            if (_stopRequested || cancellation.IsCancellationRequested)
                return;
            _producerIndex = index;
            if (!_freeReader.TryRead(_free.Reader, CancellationToken.None, out int buffer) || buffer == Stop || _stopRequested)
                return;
            _batcher.Fill(epoch, index, _inputs[buffer], _targets[buffer]);
            _batchOf[buffer] = index;
            _ready.Writer.TryWrite(buffer);
        }
    }

    /// <summary>Asks the producer to stop after the read it is in, without waiting for it.</summary>
    private void RequestStop()
    {
        if (_idle.IsSet)
            return;
        _stopRequested = true;
        // Wakes the producer if it waits for a free buffer; otherwise it sees the flag first. (If
        // the channel is full, the producer is not waiting on it.)
        _free.Writer.TryWrite(Stop);
    }

    /// <summary>Asks the producer to stop and waits until it is idle.</summary>
    private void StopProducer()
    {
        RequestStop();
        _idle.Wait();
    }

    /// <summary>With the producer idle: every buffer free, nothing ready.</summary>
    private void ResetBuffers()
    {
        if (_replaceChannels)
        {
            // Room for every buffer and a Stop marker, so no write ever waits.
            var options = new BoundedChannelOptions(_inputs.Length + 1) { AllowSynchronousContinuations = true };
            _free = Channel.CreateBounded<int>(options);
            _ready = Channel.CreateBounded<int>(options);
            _freeReader?.Dispose();
            _readyReader?.Dispose();
            _freeReader = new BlockingChannelReader();
            _readyReader = new BlockingChannelReader();
            _replaceChannels = false;
        }
        else
        {
            while (_ready.Reader.TryRead(out _))
            {
            }
            while (_free.Reader.TryRead(out _))
            {
            }
        }
        for (int i = 0; i < _inputs.Length; i++)
            _free.Writer.TryWrite(i);
    }

    private void CheckGeneration(int generation)
    {
        if (generation != _generation)
            throw Superseded();
    }
}
