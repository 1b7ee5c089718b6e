namespace Precast.Data.Transforms;

/// <summary>
/// Changes one sample in place as a <see cref="Batcher{T, TTarget}"/> prepares a batch: an
/// augmentation (<see cref="RandomHorizontalFlip"/>, <see cref="RandomCrop"/>,
/// <see cref="GaussianNoise"/>) or a fixed preprocessing step (<see cref="Normalize"/>); several in
/// order through <see cref="Compose"/>.
/// </summary>
/// <remarks>
/// The batcher gives every sample its own random generator, drawn from its seed, the epoch and the
/// sample's index in the source (not its position in the epoch), so a sample's augmentation is the
/// same whatever the batch size, the shuffle, or whether batches are prepared on a background
/// thread. A transform draws what it needs from that generator, in the order its documentation
/// states, and allocates nothing.
/// </remarks>
public interface ISampleTransform
{
    /// <summary>
    /// Checks, once, that the transform applies to samples of <paramref name="sampleShape"/>;
    /// throws an <see cref="ArgumentException"/> that names the transform and the shape if not.
    /// </summary>
    /// <param name="sampleShape">The shape of one sample, without the batch dimension.</param>
    void Check(ReadOnlySpan<int> sampleShape);

    /// <summary>Transforms one single-precision sample in place.</summary>
    /// <param name="sample">The sample's values, row-major.</param>
    /// <param name="sampleShape">Its shape, as checked by <see cref="Check"/>.</param>
    /// <param name="random">The sample's own random generator.</param>
    void Apply(Span<float> sample, ReadOnlySpan<int> sampleShape, ref Rng random);

    /// <summary>Transforms one double-precision sample in place.</summary>
    /// <param name="sample">The sample's values, row-major.</param>
    /// <param name="sampleShape">Its shape, as checked by <see cref="Check"/>.</param>
    /// <param name="random">The sample's own random generator.</param>
    void Apply(Span<double> sample, ReadOnlySpan<int> sampleShape, ref Rng random);
}
