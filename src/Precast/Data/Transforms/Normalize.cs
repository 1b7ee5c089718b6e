using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Data.Transforms;

/// <summary>
/// Subtracts a mean and divides by a standard deviation per channel: <c>x = (x − mean[c]) / std[c]</c>,
/// where the channel is the index along the sample's first dimension (the plane of a
/// <c>[channels, height, width]</c> image, the feature of a <c>[features]</c> row). torchvision's
/// <c>Normalize(mean, std)</c>; <see cref="Fit"/> computes them from the training set as Keras's
/// <c>featurewise_center</c> and <c>featurewise_std_normalization</c> do. Deterministic: draws nothing.
/// </summary>
public sealed class Normalize : ISampleTransform
{
    /// <summary>Keras's <c>ImageDataGenerator</c> divides by <c>std + 1e-6</c> so that a constant channel does not divide by zero.</summary>
    public const double KerasEpsilon = 1e-6;

    private readonly double[] _mean;
    private readonly double[] _standardDeviation;

    /// <summary>Normalizes with the given statistics.</summary>
    /// <param name="mean">One mean per channel, or one for all channels.</param>
    /// <param name="standardDeviation">One positive divisor per channel, or one for all; as many as <paramref name="mean"/>.</param>
    public Normalize(double[] mean, double[] standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        if (mean.Length == 0 || mean.Length != standardDeviation.Length)
            throw new ArgumentException(
                $"Normalize: 'mean' has {mean.Length} values and 'standardDeviation' {standardDeviation.Length}; expected the same number, at least one.",
                nameof(standardDeviation));
        for (int c = 0; c < mean.Length; c++)
        {
            if (!double.IsFinite(mean[c]))
                throw new ArgumentException($"Normalize: 'mean' has {Text(mean[c])} for channel {c}; expected a finite value.", nameof(mean));
            if (!(standardDeviation[c] > 0 && double.IsFinite(standardDeviation[c])))
                throw new ArgumentException(
                    $"Normalize: 'standardDeviation' has {Text(standardDeviation[c])} for channel {c}; expected a positive finite value.",
                    nameof(standardDeviation));
        }
        _mean = (double[])mean.Clone();
        _standardDeviation = (double[])standardDeviation.Clone();
    }

    /// <summary>The mean subtracted from each channel.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The divisor of each channel.</summary>
    public IReadOnlyList<double> StandardDeviation => _standardDeviation;

    /// <summary>
    /// Computes each channel's mean and population standard deviation over every sample of
    /// <paramref name="source"/> (in double precision, merging per-sample statistics with Chan et
    /// al.'s formula, so large counts lose nothing to cancellation), as Keras's
    /// <c>ImageDataGenerator.fit</c> does, and returns the transform that divides by
    /// <c>std + <paramref name="epsilon"/></c>.
    /// </summary>
    /// <typeparam name="T">The input element type.</typeparam>
    /// <typeparam name="TTarget">The target element type.</typeparam>
    /// <param name="source">The training samples (never the validation or test ones).</param>
    /// <param name="center">Subtract the mean (Keras's <c>featurewise_center</c>); otherwise the mean is 0.</param>
    /// <param name="scale">Divide by the standard deviation (Keras's <c>featurewise_std_normalization</c>); otherwise by 1.</param>
    /// <param name="epsilon">Added to each standard deviation: <see cref="KerasEpsilon"/> by default.</param>
    public static Normalize Fit<T, TTarget>(ISampleSource<T, TTarget> source, bool center = true, bool scale = true, double epsilon = KerasEpsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(epsilon >= 0 && double.IsFinite(epsilon)))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Normalize.Fit: 'epsilon' must be finite and not negative.");
        if (!center && !scale)
            throw new ArgumentException("Normalize.Fit: neither 'center' nor 'scale' is set, so the transform would do nothing.", nameof(scale));

        int channels = source.SampleShape[0];
        int channelLength = source.SampleLength / channels;
        var input = new T[source.SampleLength];
        var target = new TTarget[source.TargetLength];
        var count = new double[channels];
        var mean = new double[channels];
        var squares = new double[channels];
        for (int i = 0; i < source.Count; i++)
        {
            source.Read(i, input, target);
            for (int c = 0; c < channels; c++)
                Merge(input.AsSpan(c * channelLength, channelLength), ref count[c], ref mean[c], ref squares[c]);
        }

        var shift = new double[channels];
        var divisor = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            shift[c] = center ? mean[c] : 0;
            divisor[c] = scale ? Math.Sqrt(squares[c] / count[c]) + epsilon : 1;
            if (!(divisor[c] > 0))
                throw new InvalidDataException(
                    $"Normalize.Fit: channel {c} has the same value {Text(mean[c])} in every sample, so its standard deviation is 0; " +
                    "pass a positive 'epsilon' (Keras uses 1e-6) or do not scale.");
        }
        return new Normalize(shift, divisor);
    }

    /// <inheritdoc/>
    public void Check(ReadOnlySpan<int> sampleShape)
    {
        if (_mean.Length != 1 && (sampleShape.IsEmpty || sampleShape[0] != _mean.Length))
            throw new ArgumentException(
                $"Normalize: has statistics for {_mean.Length} channels but samples of shape {ShapeText.Format(sampleShape)} have " +
                $"{(sampleShape.IsEmpty ? 0 : sampleShape[0])} along their first dimension; expected as many (or statistics for one channel).",
                nameof(sampleShape));
    }

    /// <inheritdoc/>
    public void Apply(Span<float> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Apply<float>(sample, sampleShape);

    /// <inheritdoc/>
    public void Apply(Span<double> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Apply<double>(sample, sampleShape);

    private void Apply<T>(Span<T> sample, ReadOnlySpan<int> sampleShape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = _mean.Length == 1 ? 1 : sampleShape[0];
        int channelLength = sample.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            Span<T> values = sample.Slice(c * channelLength, channelLength);
            TensorPrimitives.Subtract(values, T.CreateTruncating(_mean[c]), values);
            TensorPrimitives.Divide(values, T.CreateTruncating(_standardDeviation[c]), values);
        }
    }

    /// <summary>
    /// Adds <paramref name="values"/> to a running count, mean and sum of squared deviations: the
    /// block's own mean and squared deviations first (two passes over few values), then Chan, Golub
    /// and LeVeque's pairwise update.
    /// </summary>
    private static void Merge<T>(ReadOnlySpan<T> values, ref double count, ref double mean, ref double squares) where T : IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T value in values)
            sum += double.CreateTruncating(value);
        double blockMean = sum / values.Length;
        double blockSquares = 0;
        foreach (T value in values)
        {
            double deviation = double.CreateTruncating(value) - blockMean;
            blockSquares += deviation * deviation;
        }
        double total = count + values.Length;
        double delta = blockMean - mean;
        mean += delta * values.Length / total;
        squares += blockSquares + delta * delta * count * values.Length / total;
        count = total;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
