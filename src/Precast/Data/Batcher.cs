using System.Numerics;
using System.Runtime.InteropServices;
using Precast.Data.Transforms;

namespace Precast.Data;

/// <summary>
/// Cuts an <see cref="ISampleSource{T, TTarget}"/> into batches, epoch after epoch, in a seeded
/// random order, transforming (augmenting) each sample on the way:
/// <code>
/// var batches = new Batcher&lt;float, int&gt;(train, batchSize: 64, seed: 42);
/// for (int epoch = 0; epoch &lt; 10; epoch++)
///     foreach (var batch in batches.Epoch(epoch))
///         model.TrainStep(batch.Inputs, batch.Targets);
/// </code>
/// Epoch <c>e</c> depends only on the seed and <c>e</c>, so any epoch can be reproduced on its own
/// (when resuming training, say). The batcher prepares each batch when the enumeration reaches it,
/// on the consuming thread, into buffers it allocates once, so an epoch allocates nothing (beyond
/// what the source's <see cref="ISampleSource{T, TTarget}.Read"/> does); <see cref="Prefetch"/>
/// prepares them ahead on a background thread instead.
/// </summary>
/// <remarks>
/// <para>
/// Shuffling: the order of epoch <c>e</c> is a Fisher–Yates permutation of 0..n−1 drawn from
/// <see cref="Rng.ForStream"/>(<see cref="Seed"/>, <c>e</c>).
/// </para>
/// <para>
/// Transforms: sample <c>s</c> in epoch <c>e</c> is transformed with its own generator,
/// <see cref="Rng.ForStream"/>(<see cref="Seed"/>, <c>(e + 1) · 2^32 + s</c>), where <c>s</c> is the
/// sample's index in the source: the same sample in the same epoch gets the same augmentation
/// whatever the batch size, the order, or the thread that prepares it.
/// </para>
/// </remarks>
/// <typeparam name="T">The input element type: <see cref="float"/> or <see cref="double"/>, as the model's.</typeparam>
/// <typeparam name="TTarget">The target element type: <see cref="int"/> class labels or values, as the model's loss takes them.</typeparam>
public sealed class Batcher<T, TTarget> : BatchSource<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    private readonly ISampleSource<T, TTarget> _samples;
    private readonly int[] _sampleShape;
    private readonly int _sampleLength;
    private readonly int _targetLength;
    private readonly int _count;
    private readonly int _batchSize;
    private readonly bool _dropLast;
    private readonly int _batchesPerEpoch;
    private readonly int[] _order;
    private readonly T[] _inputs;
    private readonly TTarget[] _targets;
    // An in-memory dataset read in order and untransformed is handed out in place, without copying.
    private readonly Dataset<T, TTarget>? _inPlace;
    private int _generation;
    private int _epoch;
    private CancellationToken _cancellation;
    private bool _prefetched;

    /// <summary>Prepares batches of <paramref name="batchSize"/> samples from <paramref name="samples"/>.</summary>
    /// <param name="samples">The samples: a <see cref="Dataset{T, TTarget}"/>, image files, or any other source.</param>
    /// <param name="batchSize">Samples per batch; at least 1.</param>
    /// <param name="shuffle">Whether to visit the samples in a new random order each epoch, or always in source order.</param>
    /// <param name="seed">Chooses the random orders and the random transforms.</param>
    /// <param name="dropLast">Whether to skip the last batch of an epoch when it has fewer than <paramref name="batchSize"/> samples.</param>
    /// <param name="transform">Applied to every sample as it is batched (augmentation, normalization); none by default.</param>
    /// <exception cref="ArgumentException">A size is out of range, or <paramref name="transform"/> does not apply to the samples' shape.</exception>
    public Batcher(ISampleSource<T, TTarget> samples, int batchSize, bool shuffle = true, ulong seed = 0, bool dropLast = false, ISampleTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"Batcher: inputs of {typeof(T).Name} are not supported; models take float or double.");
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batcher: 'batchSize' must be at least 1.");
        _count = samples.Count;
        _sampleLength = samples.SampleLength;
        _targetLength = samples.TargetLength;
        _sampleShape = samples.SampleShape.ToArray();
        if (_count < 1 || _targetLength < 1 || _sampleLength != Dataset.SampleLength(_sampleShape, "Batcher", "samples.SampleShape"))
            throw new ArgumentException(
                $"Batcher: the source has {_count} samples of {_sampleLength} values (shape {ShapeText.Format(_sampleShape)}) and " +
                $"{_targetLength} target values; expected at least one sample, the product of the shape, and at least one target value.",
                nameof(samples));
        if (dropLast && batchSize > _count)
            throw new ArgumentException(
                $"Batcher: 'batchSize' {batchSize} is larger than the source's {InvariantText.Count(_count)} samples and 'dropLast' is set, " +
                "so every epoch would be empty; use a smaller batch or keep the last partial batch.",
                nameof(batchSize));
        transform?.Check(_sampleShape);

        _samples = samples;
        _batchSize = batchSize;
        _dropLast = dropLast;
        Shuffle = shuffle;
        Seed = seed;
        Transform = transform;
        _batchesPerEpoch = dropLast ? _count / batchSize : (_count + batchSize - 1) / batchSize;
        _inPlace = !shuffle && transform is null ? samples as Dataset<T, TTarget> : null;
        _order = shuffle ? new int[_count] : [];
        int buffered = _inPlace is null ? Math.Min(batchSize, _count) : 0;
        _inputs = new T[buffered * _sampleLength];
        _targets = new TTarget[buffered * _targetLength];
    }

    /// <inheritdoc/>
    public override ISampleSource<T, TTarget> Samples => _samples;

    /// <inheritdoc/>
    public override int BatchSize => _batchSize;

    /// <inheritdoc/>
    public override bool DropLast => _dropLast;

    /// <inheritdoc/>
    public override int BatchesPerEpoch => _batchesPerEpoch;

    /// <summary>Whether each epoch visits the samples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the random orders and transforms.</summary>
    public ulong Seed { get; }

    /// <summary>The transform applied to every sample, or null.</summary>
    public ISampleTransform? Transform { get; }

    /// <summary>
    /// A <see cref="Prefetcher{T, TTarget}"/> that prepares this batcher's batches on a background
    /// thread, up to <paramref name="depth"/> ahead of the one being consumed, in the same order
    /// and with the same content. From then on enumerate the prefetcher, not this batcher (which
    /// its thread uses), until the prefetcher is disposed.
    /// </summary>
    /// <param name="depth">Batches prepared ahead: at least 1; 2 or 3 absorb uneven batch times.</param>
    public Prefetcher<T, TTarget> Prefetch(int depth = 2) => new(this, depth);

    internal override int Begin(int epoch, int startBatch, CancellationToken cancellation)
    {
        if (_prefetched)
            throw new InvalidOperationException(
                "Batcher: this batcher feeds a Prefetcher, whose thread uses its buffers; enumerate the prefetcher instead, or dispose it first.");
        Order(epoch);
        _epoch = epoch;
        _cancellation = cancellation;
        return ++_generation;
    }

    internal override bool MoveNext(int generation, ref int index)
    {
        CheckGeneration(generation);
        if (index + 1 >= _batchesPerEpoch)
        {
            index = _batchesPerEpoch;
            return false;
        }
        _cancellation.ThrowIfCancellationRequested();
        index++;
        if (_inPlace is null)
            Fill(_epoch, index, _inputs, _targets);
        return true;
    }

    internal override Batch<T, TTarget> Current(int generation, int index)
    {
        CheckGeneration(generation);
        if ((uint)index >= (uint)_batchesPerEpoch)
            throw NoCurrentBatch();
        int count = CountOf(index);
        return _inPlace is null
            ? new Batch<T, TTarget>(_inputs.AsSpan(0, count * _sampleLength), _targets.AsSpan(0, count * _targetLength), count, index)
            : new Batch<T, TTarget>(
                _inPlace.Inputs.AsSpan(index * _batchSize * _sampleLength, count * _sampleLength),
                _inPlace.Targets.AsSpan(index * _batchSize * _targetLength, count * _targetLength), count, index);
    }

    internal override void End(int generation)
    {
        // Nothing runs between batches, so there is nothing to stop.
    }

    /// <summary>Hands the batcher to a prefetcher (or back, when it is disposed); see <see cref="Prefetch"/>.</summary>
    internal void SetPrefetched(bool prefetched)
    {
        if (prefetched && _prefetched)
            throw new InvalidOperationException("Batcher: this batcher already feeds a Prefetcher; dispose that one before making another.");
        _prefetched = prefetched;
        _generation++;
    }

    /// <summary>Orders the samples for <paramref name="epoch"/> (only needed when shuffling).</summary>
    internal void Order(int epoch)
    {
        if (Shuffle)
            Permutation.Fill(_order, Seed, (ulong)epoch);
    }

    /// <summary>Samples in batch <paramref name="index"/>: the batch size, or fewer for the last one.</summary>
    internal int CountOf(int index) => Math.Min(_batchSize, _count - index * _batchSize);

    /// <summary>
    /// Reads and transforms batch <paramref name="index"/> of <paramref name="epoch"/> (whose order
    /// <see cref="Order"/> has set) into <paramref name="inputs"/> and <paramref name="targets"/>.
    /// </summary>
    internal void Fill(int epoch, int index, Span<T> inputs, Span<TTarget> targets)
    {
        int start = index * _batchSize;
        int count = CountOf(index);
        for (int i = 0; i < count; i++)
        {
            int sample = Shuffle ? _order[start + i] : start + i;
            Span<T> input = inputs.Slice(i * _sampleLength, _sampleLength);
            _samples.Read(sample, input, targets.Slice(i * _targetLength, _targetLength));
            if (Transform is not null)
                ApplyTransform(Transform, input, epoch, sample);
        }
    }

    /// <summary>The input buffers a batch needs: for <see cref="Prefetcher{T, TTarget}"/>'s pool.</summary>
    internal int BatchInputLength => Math.Min(_batchSize, _count) * _sampleLength;

    /// <summary>The target buffers a batch needs: for <see cref="Prefetcher{T, TTarget}"/>'s pool.</summary>
    internal int BatchTargetLength => Math.Min(_batchSize, _count) * _targetLength;

    /// <summary>Values per input.</summary>
    internal int SampleLength => _sampleLength;

    /// <summary>Values per target.</summary>
    internal int TargetLength => _targetLength;

    private void ApplyTransform(ISampleTransform transform, Span<T> input, int epoch, int sample)
    {
        Rng random = Rng.ForStream(Seed, ((ulong)(uint)(epoch + 1) << 32) | (uint)sample);
        // T is float or double (checked in the constructor); the JIT keeps only the matching branch.
        if (typeof(T) == typeof(float))
            transform.Apply(MemoryMarshal.Cast<T, float>(input), _sampleShape, ref random);
        else
            transform.Apply(MemoryMarshal.Cast<T, double>(input), _sampleShape, ref random);
    }

    private void CheckGeneration(int generation)
    {
        if (generation != _generation)
            throw Superseded();
    }
}
