using System.Numerics;

namespace Precast.Data;

/// <summary>
/// Samples in memory: the inputs of every sample one after another in one flat array, and the
/// targets likewise. Made by the factories of <see cref="Dataset"/> (from arrays, IDX files, CSV,
/// or by reading every sample of another <see cref="ISampleSource{T, TTarget}"/>); batched by a
/// <see cref="Batcher{T, TTarget}"/>.
/// </summary>
/// <typeparam name="T">The input element type: <see cref="float"/> or <see cref="double"/>, as the model's.</typeparam>
/// <typeparam name="TTarget">The target element type: <see cref="int"/> class labels, or values for a regression loss.</typeparam>
public sealed class Dataset<T, TTarget> : ISampleSource<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    private readonly int[] _sampleShape;

    /// <summary>Wraps arrays that the caller has already checked (see <see cref="Dataset"/>).</summary>
    internal Dataset(T[] inputs, TTarget[] targets, int[] sampleShape, int sampleLength, int targetLength, int classCount)
    {
        Inputs = inputs;
        Targets = targets;
        _sampleShape = sampleShape;
        SampleLength = sampleLength;
        TargetLength = targetLength;
        ClassCount = classCount;
    }

    /// <summary>Every sample's input, row-major, sample after sample: <see cref="Count"/> × <see cref="SampleLength"/> values.</summary>
    public T[] Inputs { get; }

    /// <summary>Every sample's target, sample after sample: <see cref="Count"/> × <see cref="TargetLength"/> values.</summary>
    public TTarget[] Targets { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Targets.Length / TargetLength;

    /// <summary>The shape of one input, without the batch dimension: <c>[1, 28, 28]</c> for Fashion-MNIST.</summary>
    public ReadOnlySpan<int> SampleShape => _sampleShape;

    /// <summary>Values per input: the product of <see cref="SampleShape"/>.</summary>
    public int SampleLength { get; }

    /// <summary>Values per target: 1 for one class label per sample.</summary>
    public int TargetLength { get; }

    /// <summary>
    /// For class labels, the number of classes (every label is in [0, ClassCount)); 0 when the
    /// targets are not class labels.
    /// </summary>
    public int ClassCount { get; }

    /// <summary>The input of sample <paramref name="index"/>: <see cref="SampleLength"/> values.</summary>
    /// <param name="index">The sample, in [0, <see cref="Count"/>).</param>
    public ReadOnlySpan<T> GetSample(int index)
    {
        CheckIndex(index);
        return Inputs.AsSpan(index * SampleLength, SampleLength);
    }

    /// <summary>The target of sample <paramref name="index"/>: <see cref="TargetLength"/> values.</summary>
    /// <param name="index">The sample, in [0, <see cref="Count"/>).</param>
    public ReadOnlySpan<TTarget> GetTarget(int index)
    {
        CheckIndex(index);
        return Targets.AsSpan(index * TargetLength, TargetLength);
    }

    /// <summary>Copies sample <paramref name="index"/> into <paramref name="input"/> and <paramref name="target"/>.</summary>
    /// <param name="index">The sample, in [0, <see cref="Count"/>).</param>
    /// <param name="input">Receives <see cref="SampleLength"/> values.</param>
    /// <param name="target">Receives <see cref="TargetLength"/> values.</param>
    public void Read(int index, Span<T> input, Span<TTarget> target)
    {
        GetSample(index).CopyTo(input);
        GetTarget(index).CopyTo(target);
    }

    /// <summary>A new dataset holding copies of the first <paramref name="count"/> samples.</summary>
    /// <param name="count">How many samples to keep: 1 to <see cref="Count"/>.</param>
    public Dataset<T, TTarget> Take(int count)
    {
        if (count < 1 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"Dataset.Take: 'count' must be between 1 and the dataset's {InvariantText.Count(Count)} samples.");
        return new Dataset<T, TTarget>(Inputs[..(count * SampleLength)], Targets[..(count * TargetLength)], _sampleShape, SampleLength, TargetLength, ClassCount);
    }

    /// <summary>A new dataset holding copies of the samples at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    /// <param name="indices">Sample indices, each in [0, <see cref="Count"/>); at least one.</param>
    public Dataset<T, TTarget> Subset(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty)
            throw new ArgumentException("Dataset.Subset: 'indices' is empty; expected at least one sample.", nameof(indices));
        int bad = indices.IndexOfAnyExceptInRange(0, Count - 1);
        if (bad >= 0)
            throw new ArgumentOutOfRangeException(nameof(indices), indices[bad],
                $"Dataset.Subset: 'indices' has {indices[bad]} at position {bad}; expected a sample in [0, {InvariantText.Count(Count)}).");
        var inputs = new T[indices.Length * SampleLength];
        var targets = new TTarget[indices.Length * TargetLength];
        for (int i = 0; i < indices.Length; i++)
            Read(indices[i], inputs.AsSpan(i * SampleLength, SampleLength), targets.AsSpan(i * TargetLength, TargetLength));
        return new Dataset<T, TTarget>(inputs, targets, _sampleShape, SampleLength, TargetLength, ClassCount);
    }

    /// <summary>
    /// Splits the samples at random into a training part and a validation part, both copies.
    /// The validation samples are the first share of a Fisher–Yates permutation drawn from
    /// <see cref="Rng.ForStream"/>(<paramref name="seed"/>, <see cref="ulong.MaxValue"/>), so the
    /// same seed always chooses the same samples; each part keeps the samples in their original
    /// order. For class labels, <see cref="Dataset.SplitStratified{T}"/> keeps each class's share.
    /// </summary>
    /// <param name="validationFraction">The share of samples for validation, in (0, 1); the count is rounded to the nearest whole sample.</param>
    /// <param name="seed">Chooses which samples go to validation.</param>
    public (Dataset<T, TTarget> Train, Dataset<T, TTarget> Validation) Split(double validationFraction, ulong seed)
    {
        const string method = "Dataset.Split";
        DatasetSplit.CheckFraction(validationFraction, method);
        int validationCount = DatasetSplit.ValidationCount(Count, validationFraction);
        DatasetSplit.CheckParts(Count, validationCount, validationFraction, method);
        int[] order = new int[Count];
        Permutation.Fill(order, seed, DatasetSplit.Stream);
        return DatasetSplit.Apply(this, order[validationCount..], order[..validationCount]);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"Dataset: sample {index} does not exist; expected an index in [0, {InvariantText.Count(Count)}).");
    }
}
