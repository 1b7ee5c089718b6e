namespace Precast.Data.Transforms;

/// <summary>
/// Mirrors an image left to right with probability <see cref="Probability"/>, every channel alike
/// (torchvision's <c>RandomHorizontalFlip</c>, Keras's <c>horizontal_flip</c>). Draws one
/// <see cref="Rng.NextDouble"/> per sample and flips when it is below the probability.
/// </summary>
public sealed class RandomHorizontalFlip : ISampleTransform
{
    /// <summary>Flips with probability <paramref name="probability"/>.</summary>
    /// <param name="probability">In [0, 1]; 0.5 by default.</param>
    public RandomHorizontalFlip(double probability = 0.5)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "RandomHorizontalFlip: 'probability' must be in [0, 1].");
        Probability = probability;
    }

    /// <summary>The probability of flipping a sample.</summary>
    public double Probability { get; }

    /// <inheritdoc/>
    public void Check(ReadOnlySpan<int> sampleShape) => ImageShape.Of(sampleShape, nameof(RandomHorizontalFlip));

    /// <inheritdoc/>
    public void Apply(Span<float> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Flip(sample, sampleShape, ref random);

    /// <inheritdoc/>
    public void Apply(Span<double> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Flip(sample, sampleShape, ref random);

    private void Flip<T>(Span<T> sample, ReadOnlySpan<int> sampleShape, ref Rng random)
    {
        if (random.NextDouble() >= Probability)
            return;
        int width = sampleShape[^1];
        for (int row = 0; row < sample.Length; row += width)
            sample.Slice(row, width).Reverse();
    }
}
