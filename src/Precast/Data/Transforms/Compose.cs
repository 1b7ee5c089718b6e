namespace Precast.Data.Transforms;

/// <summary>
/// Applies several transforms in order, each drawing from the same per-sample generator after the
/// previous one (torchvision's <c>Compose</c>): <c>new Compose(new RandomCrop(4), new RandomHorizontalFlip(), normalize)</c>.
/// </summary>
public sealed class Compose : ISampleTransform
{
    private readonly ISampleTransform[] _transforms;

    /// <summary>Applies <paramref name="transforms"/> in the order given.</summary>
    /// <param name="transforms">At least one transform.</param>
    public Compose(params ISampleTransform[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (transforms.Length == 0)
            throw new ArgumentException("Compose: 'transforms' is empty; expected at least one transform.", nameof(transforms));
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i] is null)
                throw new ArgumentNullException(nameof(transforms), $"Compose: transform {i} is null.");
        _transforms = (ISampleTransform[])transforms.Clone();
    }

    /// <summary>The transforms, in the order they apply.</summary>
    public IReadOnlyList<ISampleTransform> Transforms => _transforms;

    /// <inheritdoc/>
    public void Check(ReadOnlySpan<int> sampleShape)
    {
        foreach (ISampleTransform transform in _transforms)
            transform.Check(sampleShape);
    }

    /// <inheritdoc/>
    public void Apply(Span<float> sample, ReadOnlySpan<int> sampleShape, ref Rng random)
    {
        foreach (ISampleTransform transform in _transforms)
            transform.Apply(sample, sampleShape, ref random);
    }

    /// <inheritdoc/>
    public void Apply(Span<double> sample, ReadOnlySpan<int> sampleShape, ref Rng random)
    {
        foreach (ISampleTransform transform in _transforms)
            transform.Apply(sample, sampleShape, ref random);
    }
}
