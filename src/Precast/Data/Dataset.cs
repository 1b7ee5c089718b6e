using System.Numerics.Tensors;

namespace Precast.Data;

/// <summary>
/// Labelled samples in memory, ready for a <see cref="Batcher"/>: the inputs of every sample
/// one after another in one flat array, and one class label per sample.
/// </summary>
public sealed class Dataset
{
    // Split draws its permutation from this stream, so a seed shared with a Batcher (whose
    // streams are the epoch numbers) still gives an unrelated ordering.
    private const ulong SplitStream = ulong.MaxValue;

    private Dataset(float[] inputs, int[] labels, int[] sampleShape, int sampleLength, int classCount)
    {
        Inputs = inputs;
        Labels = labels;
        SampleShape = sampleShape;
        SampleLength = sampleLength;
        ClassCount = classCount;
    }

    /// <summary>Every sample's values, row-major, sample after sample: <see cref="Count"/> × <see cref="SampleLength"/> values.</summary>
    public float[] Inputs { get; }

    /// <summary>The class of each sample, each in [0, <see cref="ClassCount"/>).</summary>
    public int[] Labels { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>The shape of one sample, without the batch dimension: <c>[1, 28, 28]</c> for Fashion-MNIST.</summary>
    public int[] SampleShape { get; }

    /// <summary>Values per sample: the product of <see cref="SampleShape"/>.</summary>
    public int SampleLength { get; }

    /// <summary>The number of classes; every label is below it.</summary>
    public int ClassCount { get; }

    /// <summary>
    /// Loads an image file and a label file in the IDX format (plain or gzip), as MNIST and
    /// Fashion-MNIST ship them. Pixels are scaled from 0..255 to [0, 1] by dividing by 255.
    /// </summary>
    /// <param name="imagesPath">Images: 3 dimensions [count, height, width] (one channel, sample shape
    /// [1, height, width]) or 4 dimensions [count, channels, height, width].</param>
    /// <param name="labelsPath">Labels: 1 dimension [count], one class per image.</param>
    /// <param name="classCount">The number of classes; every label must be below it.</param>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A file is malformed, has the wrong number of dimensions, the counts differ, or a label is out
    /// of range; the message names the file.
    /// </exception>
    public static Dataset FromIdx(string imagesPath, string labelsPath, int classCount = 10)
    {
        CheckClassCount(classCount);
        IdxFile images = IdxFile.Read(imagesPath);
        IdxFile labels = IdxFile.Read(labelsPath);

        if (images.Shape.Length is not (3 or 4))
            throw new InvalidDataException(
                $"Images file '{imagesPath}' has shape {ShapeText.Format(images.Shape)}; expected 3 dimensions [count, height, width] " +
                "or 4 dimensions [count, channels, height, width].");
        if (labels.Shape.Length != 1)
            throw new InvalidDataException(
                $"Labels file '{labelsPath}' has shape {ShapeText.Format(labels.Shape)}; expected 1 dimension [count].");
        int count = images.Shape[0];
        if (labels.Shape[0] != count)
            throw new InvalidDataException(
                $"Images file '{imagesPath}' holds {InvariantText.Count(count)} samples but labels file '{labelsPath}' holds " +
                $"{InvariantText.Count(labels.Shape[0])} labels; expected one label per image.");

        int[] labelValues = new int[count];
        for (int i = 0; i < count; i++)
            labelValues[i] = labels.Data[i];
        int bad = FindLabelOutOfRange(labelValues, classCount);
        if (bad >= 0)
            throw new InvalidDataException(
                $"Labels file '{labelsPath}' has label {labelValues[bad]} at index {bad}; expected a class in [0, {classCount}).");

        int[] sampleShape = images.Shape.Length == 3 ? [1, images.Shape[1], images.Shape[2]] : images.Shape[1..];
        float[] inputs = new float[images.Data.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(images.Data, inputs);
        TensorPrimitives.Divide(inputs, 255f, inputs);
        return new Dataset(inputs, labelValues, sampleShape, images.Data.Length / count, classCount);
    }

    /// <summary>
    /// Wraps samples already in memory. The dataset keeps <paramref name="inputs"/> and
    /// <paramref name="labels"/> without copying them, so do not change them afterwards.
    /// </summary>
    /// <param name="inputs">Every sample's values, sample after sample.</param>
    /// <param name="labels">One class per sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="sampleShape">The shape of one sample; its product is the values per sample.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <exception cref="ArgumentException">The lengths disagree, a label is out of range, or a shape is not positive.</exception>
    public static Dataset FromArrays(float[] inputs, int[] labels, int[] sampleShape, int classCount)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sampleShape);
        CheckClassCount(classCount);
        if (sampleShape.Length == 0)
            throw new ArgumentException("Dataset.FromArrays: 'sampleShape' is empty; expected at least one dimension.", nameof(sampleShape));
        long sampleLength = 1;
        foreach (int dimension in sampleShape)
        {
            if (dimension <= 0)
                throw new ArgumentException(
                    $"Dataset.FromArrays: 'sampleShape' {ShapeText.Format(sampleShape)} has a dimension of {dimension}; expected every dimension to be positive.",
                    nameof(sampleShape));
            sampleLength *= dimension;
            if (sampleLength > Array.MaxLength)
                throw new ArgumentException(
                    $"Dataset.FromArrays: 'sampleShape' {ShapeText.Format(sampleShape)} describes more values than one array can hold.", nameof(sampleShape));
        }
        if (labels.Length == 0)
            throw new ArgumentException("Dataset.FromArrays: 'labels' is empty; expected at least one sample.", nameof(labels));
        if (inputs.Length != labels.Length * sampleLength)
            throw new ArgumentException(
                $"Dataset.FromArrays: 'inputs' has {InvariantText.Count(inputs.Length)} values; expected {InvariantText.Count(labels.Length)} samples " +
                $"(one per label) of {InvariantText.Count(sampleLength)} values (shape {ShapeText.Format(sampleShape)}) = " +
                $"{InvariantText.Count(labels.Length * sampleLength)}.",
                nameof(inputs));
        int bad = FindLabelOutOfRange(labels, classCount);
        if (bad >= 0)
            throw new ArgumentException(
                $"Dataset.FromArrays: 'labels' has {labels[bad]} at index {bad}; expected a class in [0, {classCount}).", nameof(labels));
        return new Dataset(inputs, labels, (int[])sampleShape.Clone(), (int)sampleLength, classCount);
    }

    /// <summary>The values of sample <paramref name="index"/>: <see cref="SampleLength"/> of them.</summary>
    public ReadOnlySpan<float> GetSample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Inputs.AsSpan(index * SampleLength, SampleLength);
    }

    /// <summary>A new dataset holding copies of the first <paramref name="count"/> samples.</summary>
    /// <param name="count">How many samples to keep: 1 to <see cref="Count"/>.</param>
    public Dataset Take(int count)
    {
        if (count < 1 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"Dataset.Take: 'count' must be between 1 and the dataset's {InvariantText.Count(Count)} samples.");
        return new Dataset(Inputs[..(count * SampleLength)], Labels[..count], (int[])SampleShape.Clone(), SampleLength, ClassCount);
    }

    /// <summary>
    /// Splits the samples at random into a training part and a validation part, both copies.
    /// The same <paramref name="seed"/> always chooses the same samples; each part keeps the
    /// samples in their original order.
    /// </summary>
    /// <param name="validationFraction">The share of samples for validation, in (0, 1); the count is rounded to the nearest whole sample.</param>
    /// <param name="seed">Chooses which samples go to validation.</param>
    public (Dataset Train, Dataset Validation) Split(double validationFraction, ulong seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                "Dataset.Split: 'validationFraction' must be greater than 0 and less than 1.");
        int validationCount = (int)Math.Round(Count * validationFraction, MidpointRounding.AwayFromZero);
        if (validationCount < 1 || validationCount > Count - 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"Dataset.Split: 'validationFraction' {validationFraction} of {InvariantText.Count(Count)} samples gives {validationCount} validation " +
                $"and {Count - validationCount} training samples; each part needs at least one.");

        int[] order = new int[Count];
        Permutation.Fill(order, seed, SplitStream);
        int[] validationIndices = order[..validationCount];
        int[] trainIndices = order[validationCount..];
        Array.Sort(validationIndices);
        Array.Sort(trainIndices);
        return (Gather(trainIndices), Gather(validationIndices));
    }

    /// <summary>A new dataset holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    private Dataset Gather(int[] indices)
    {
        float[] inputs = new float[indices.Length * SampleLength];
        int[] labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            GetSample(indices[i]).CopyTo(inputs.AsSpan(i * SampleLength));
            labels[i] = Labels[indices[i]];
        }
        return new Dataset(inputs, labels, (int[])SampleShape.Clone(), SampleLength, ClassCount);
    }

    private static void CheckClassCount(int classCount)
    {
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "'classCount' must be at least 1.");
    }

    /// <summary>The index of the first label outside [0, <paramref name="classCount"/>), or -1.</summary>
    private static int FindLabelOutOfRange(ReadOnlySpan<int> labels, int classCount) =>
        labels.IndexOfAnyExceptInRange(0, classCount - 1);
}
