using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Data;

/// <summary>
/// Makes in-memory <see cref="Dataset{T, TTarget}"/>s: from arrays, from IDX files (MNIST,
/// Fashion-MNIST) or a directory of them, or by reading every sample of another source (decoding
/// every image once, for instance). CSV files come in through <see cref="Csv.CsvDataset"/>.
/// </summary>
public static class Dataset
{
    /// <summary>
    /// Wraps labelled samples already in memory. The dataset keeps <paramref name="inputs"/> and
    /// <paramref name="labels"/> without copying them, so do not change them afterwards.
    /// </summary>
    /// <typeparam name="T">The input element type.</typeparam>
    /// <param name="inputs">Every sample's values, sample after sample.</param>
    /// <param name="labels">The class labels, <paramref name="labelsPerSample"/> per sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="sampleShape">The shape of one sample; its product is the values per sample.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="labelsPerSample">Labels per sample: 1 for a plain classifier.</param>
    /// <exception cref="ArgumentException">The lengths disagree, a label is out of range, or a shape is not positive.</exception>
    public static Dataset<T, int> FromArrays<T>(T[] inputs, int[] labels, int[] sampleShape, int classCount, int labelsPerSample = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Dataset.FromArrays";
        CheckClassCount(classCount);
        int sampleLength = CheckArrays(method, inputs, labels, nameof(labels), "label", sampleShape, labelsPerSample);
        int bad = FindLabelOutOfRange(labels, classCount);
        if (bad >= 0)
            throw new ArgumentException(
                $"{method}: 'labels' has {labels[bad]} at index {bad}; expected a class in [0, {classCount}).", nameof(labels));
        return new Dataset<T, int>(inputs, labels, (int[])sampleShape.Clone(), sampleLength, labelsPerSample, classCount);
    }

    /// <summary>
    /// Wraps samples with target values already in memory (for a regression loss, or one-hot
    /// targets). The dataset keeps the arrays without copying them, so do not change them afterwards.
    /// </summary>
    /// <typeparam name="T">The input element type.</typeparam>
    /// <typeparam name="TTarget">The target element type.</typeparam>
    /// <param name="inputs">Every sample's values, sample after sample.</param>
    /// <param name="targets">Every sample's target, <paramref name="targetLength"/> values each.</param>
    /// <param name="sampleShape">The shape of one sample; its product is the values per sample.</param>
    /// <param name="targetLength">Target values per sample.</param>
    /// <exception cref="ArgumentException">The lengths disagree or a shape is not positive.</exception>
    public static Dataset<T, TTarget> FromTargets<T, TTarget>(T[] inputs, TTarget[] targets, int[] sampleShape, int targetLength = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTarget : unmanaged
    {
        int sampleLength = CheckArrays("Dataset.FromTargets", inputs, targets, nameof(targets), "target", sampleShape, targetLength);
        return new Dataset<T, TTarget>(inputs, targets, (int[])sampleShape.Clone(), sampleLength, targetLength, classCount: 0);
    }

    /// <summary>
    /// Reads every sample of <paramref name="source"/> into memory: decodes every image of an
    /// <see cref="Images.ImageFiles"/> once, for instance, so that batches no longer touch the disk.
    /// </summary>
    /// <typeparam name="T">The input element type.</typeparam>
    /// <typeparam name="TTarget">The target element type.</typeparam>
    /// <param name="source">The samples.</param>
    /// <param name="classCount">For class labels, the number of classes (each label is checked against it); 0 otherwise.</param>
    public static Dataset<T, TTarget> FromSource<T, TTarget>(ISampleSource<T, TTarget> source, int classCount = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(classCount);
        int count = source.Count;
        int sampleLength = source.SampleLength;
        int targetLength = source.TargetLength;
        var inputs = new T[checked(count * sampleLength)];
        var targets = new TTarget[checked(count * targetLength)];
        for (int i = 0; i < count; i++)
            source.Read(i, inputs.AsSpan(i * sampleLength, sampleLength), targets.AsSpan(i * targetLength, targetLength));
        if (classCount > 0)
        {
            if (typeof(TTarget) != typeof(int))
                throw new ArgumentException(
                    $"Dataset.FromSource: 'classCount' {classCount} is given but the targets are {typeof(TTarget).Name}, not int class labels; pass 0.",
                    nameof(classCount));
            int[] labels = (int[])(object)targets;
            int bad = FindLabelOutOfRange(labels, classCount);
            if (bad >= 0)
                throw new InvalidDataException(
                    $"Dataset.FromSource: sample {bad / targetLength} has label {labels[bad]}; expected a class in [0, {classCount}).");
        }
        return new Dataset<T, TTarget>(inputs, targets, source.SampleShape.ToArray(), sampleLength, targetLength, classCount);
    }

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
    public static Dataset<float, int> FromIdx(string imagesPath, string labelsPath, int classCount = 10)
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
        return new Dataset<float, int>(inputs, labelValues, sampleShape, images.Data.Length / count, targetLength: 1, classCount);
    }

    /// <summary>
    /// Loads the training and test sets of an MNIST-style directory in one call:
    /// <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>
    /// and <c>t10k-labels-idx1-ubyte</c>, each plain or gzip-compressed (<c>.gz</c>), as MNIST and
    /// Fashion-MNIST are distributed (Debian's <c>dataset-fashion-mnist</c> puts them in
    /// <c>/usr/share/datasets/fashion-mnist</c>). See <see cref="FromIdx"/>.
    /// </summary>
    /// <param name="directory">The directory holding the four files.</param>
    /// <param name="classCount">The number of classes; every label must be below it.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing under both its plain and its gzip name; the message names both.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names it.</exception>
    public static (Dataset<float, int> Train, Dataset<float, int> Test) FromIdxDirectory(string directory, int classCount = 10)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Dataset.FromIdxDirectory: directory '{directory}' does not exist.");
        return (
            FromIdx(IdxPath(directory, "train-images-idx3-ubyte"), IdxPath(directory, "train-labels-idx1-ubyte"), classCount),
            FromIdx(IdxPath(directory, "t10k-images-idx3-ubyte"), IdxPath(directory, "t10k-labels-idx1-ubyte"), classCount));
    }

    /// <summary>
    /// Splits labelled samples into a training and a validation part that keep each class's share:
    /// for each class in turn (0, 1, ...), its samples in dataset order are shuffled by Fisher–Yates
    /// with one generator, <see cref="Rng.ForStream"/>(<paramref name="seed"/>, <see cref="ulong.MaxValue"/>),
    /// and the first <c>round(n_class × validationFraction)</c> (half away from zero) go to
    /// validation. Both parts are copies that keep the samples in their original order.
    /// </summary>
    /// <typeparam name="T">The input element type.</typeparam>
    /// <param name="data">Samples with one class label each.</param>
    /// <param name="validationFraction">The share of each class for validation, in (0, 1).</param>
    /// <param name="seed">Chooses which samples go to validation.</param>
    public static (Dataset<T, int> Train, Dataset<T, int> Validation) SplitStratified<T>(this Dataset<T, int> data, double validationFraction, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Dataset.SplitStratified";
        ArgumentNullException.ThrowIfNull(data);
        DatasetSplit.CheckFraction(validationFraction, method);
        if (data.ClassCount == 0 || data.TargetLength != 1)
            throw new ArgumentException(
                $"{method}: the dataset has {(data.ClassCount == 0 ? "no class count" : $"{data.TargetLength} labels per sample")}; " +
                "a stratified split needs one class label per sample and the number of classes (see Dataset.FromArrays).",
                nameof(data));

        int[] labels = data.Targets;
        int[] classSizes = new int[data.ClassCount];
        foreach (int label in labels)
            classSizes[label]++;
        int validationCount = 0;
        foreach (int size in classSizes)
            validationCount += DatasetSplit.ValidationCount(size, validationFraction);
        DatasetSplit.CheckParts(data.Count, validationCount, validationFraction, method);

        // The samples grouped by class, each group in dataset order (a counting sort).
        int[] byClass = new int[labels.Length];
        int[] next = new int[classSizes.Length];
        for (int c = 1; c < next.Length; c++)
            next[c] = next[c - 1] + classSizes[c - 1];
        for (int i = 0; i < labels.Length; i++)
            byClass[next[labels[i]]++] = i;

        int[] validation = new int[validationCount];
        int[] train = new int[data.Count - validationCount];
        int validationFilled = 0, trainFilled = 0, start = 0;
        Rng rng = Rng.ForStream(seed, DatasetSplit.Stream);
        for (int c = 0; c < classSizes.Length; c++)
        {
            Span<int> ofClass = byClass.AsSpan(start, classSizes[c]);
            start += classSizes[c];
            for (int i = ofClass.Length - 1; i > 0; i--)
            {
                int j = rng.NextInt32(i + 1);
                (ofClass[i], ofClass[j]) = (ofClass[j], ofClass[i]);
            }
            int take = DatasetSplit.ValidationCount(ofClass.Length, validationFraction);
            ofClass[..take].CopyTo(validation.AsSpan(validationFilled));
            ofClass[take..].CopyTo(train.AsSpan(trainFilled));
            validationFilled += take;
            trainFilled += ofClass.Length - take;
        }
        return DatasetSplit.Apply(data, train, validation);
    }

    /// <summary>
    /// Checks a sample shape and returns the number of values it describes; the message names
    /// <paramref name="method"/> and <paramref name="argument"/>.
    /// </summary>
    internal static int SampleLength(ReadOnlySpan<int> sampleShape, string method, string argument)
    {
        if (sampleShape.IsEmpty)
            throw new ArgumentException($"{method}: '{argument}' is empty; expected at least one dimension.", argument);
        long sampleLength = 1;
        foreach (int dimension in sampleShape)
        {
            if (dimension <= 0)
                throw new ArgumentException(
                    $"{method}: '{argument}' {ShapeText.Format(sampleShape)} has a dimension of {dimension}; expected every dimension to be positive.",
                    argument);
            sampleLength *= dimension;
            if (sampleLength > Array.MaxLength)
                throw new ArgumentException(
                    $"{method}: '{argument}' {ShapeText.Format(sampleShape)} describes more values than one array can hold.", argument);
        }
        return (int)sampleLength;
    }

    /// <summary>The index of the first label outside [0, <paramref name="classCount"/>), or -1.</summary>
    internal static int FindLabelOutOfRange(ReadOnlySpan<int> labels, int classCount) =>
        labels.IndexOfAnyExceptInRange(0, classCount - 1);

    internal static void CheckClassCount(int classCount)
    {
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "'classCount' must be at least 1.");
    }

    /// <summary>Checks inputs and targets against each other and the shape; returns the sample length.</summary>
    private static int CheckArrays<T, TTarget>(
        string method, T[] inputs, TTarget[] targets, string targetsName, string targetNoun, int[] sampleShape, int targetLength)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets, targetsName);
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"{method}: inputs of {typeof(T).Name} are not supported; models take float or double.");
        if (targetLength < 1)
            throw new ArgumentOutOfRangeException(nameof(targetLength), targetLength, $"{method}: target values per sample must be at least 1.");
        int sampleLength = SampleLength(sampleShape, method, nameof(sampleShape));
        if (targets.Length == 0)
            throw new ArgumentException($"{method}: '{targetsName}' is empty; expected at least one sample.", targetsName);
        if (targets.Length % targetLength != 0)
            throw new ArgumentException(
                $"{method}: '{targetsName}' has {InvariantText.Count(targets.Length)} values, not a whole number of samples of {targetLength}.", targetsName);
        long count = targets.Length / targetLength;
        if (inputs.Length != count * sampleLength)
            throw new ArgumentException(
                $"{method}: 'inputs' has {InvariantText.Count(inputs.Length)} values; expected {InvariantText.Count(count)} samples " +
                $"(one per {(targetLength == 1 ? targetNoun : $"{targetLength} {targetNoun}s")}) of {InvariantText.Count(sampleLength)} values " +
                $"(shape {ShapeText.Format(sampleShape)}) = {InvariantText.Count(count * sampleLength)}.",
                nameof(inputs));
        return sampleLength;
    }

    /// <summary>The gzip file if present, else the plain one; a missing pair names both.</summary>
    private static string IdxPath(string directory, string name)
    {
        string plain = Path.Combine(directory, name);
        string compressed = plain + ".gz";
        if (File.Exists(compressed))
            return compressed;
        if (File.Exists(plain))
            return plain;
        throw new FileNotFoundException(
            $"Dataset.FromIdxDirectory: directory '{directory}' has neither '{name}' nor '{name}.gz'; expected the four MNIST-style files " +
            "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may be .gz).",
            plain);
    }
}
