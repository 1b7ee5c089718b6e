using System.Numerics;

namespace Precast.Data.Transforms;

/// <summary>
/// Adds independent normal noise of mean 0 and standard deviation <see cref="StandardDeviation"/>
/// to every value (Keras's <c>GaussianNoise</c>, applied to the data). Draws one
/// <see cref="Rng.NextNormal"/> per value, in order.
/// </summary>
public sealed class GaussianNoise : ISampleTransform
{
    /// <summary>Adds noise of standard deviation <paramref name="standardDeviation"/>.</summary>
    /// <param name="standardDeviation">Positive and finite.</param>
    public GaussianNoise(double standardDeviation)
    {
        if (!(standardDeviation > 0 && double.IsFinite(standardDeviation)))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation,
                "GaussianNoise: 'standardDeviation' must be positive and finite.");
        StandardDeviation = standardDeviation;
    }

    /// <summary>The noise's standard deviation.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public void Check(ReadOnlySpan<int> sampleShape)
    {
    }

    /// <inheritdoc/>
    public void Apply(Span<float> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Add(sample, ref random);

    /// <inheritdoc/>
    public void Apply(Span<double> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Add(sample, ref random);

    private void Add<T>(Span<T> sample, ref Rng random) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < sample.Length; i++)
            sample[i] += T.CreateTruncating(StandardDeviation * random.NextNormal());
    }
}
