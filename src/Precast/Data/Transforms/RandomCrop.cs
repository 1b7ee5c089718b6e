namespace Precast.Data.Transforms;

/// <summary>
/// Pads an image with <see cref="Padding"/> zeros on every side and crops a window of the original
/// size at a uniformly random position: torchvision's <c>RandomCrop(size, padding=p)</c> with the
/// size of the input, which is a random shift by −p..p pixels in each direction with zeros
/// shifted in (Keras's <c>width_shift_range</c>/<c>height_shift_range</c> in whole pixels with
/// <c>fill_mode='constant'</c>). Every channel shifts alike.
/// </summary>
/// <remarks>
/// Draws the window's top, then its left, each with <see cref="Rng.NextInt32"/>(2p + 1), as
/// torchvision does; output pixel (y, x) is input pixel (y + top − p, x + left − p), or 0 outside
/// the input. Works in place, without a scratch buffer.
/// </remarks>
public sealed class RandomCrop : ISampleTransform
{
    /// <summary>Shifts by up to <paramref name="padding"/> pixels each way.</summary>
    /// <param name="padding">Zeros added on each side before cropping; at least 1 (4 for CIFAR-10's usual recipe).</param>
    public RandomCrop(int padding)
    {
        if (padding < 1)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "RandomCrop: 'padding' must be at least 1.");
        Padding = padding;
    }

    /// <summary>Zeros added on each side before cropping: the largest shift.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public void Check(ReadOnlySpan<int> sampleShape) => ImageShape.Of(sampleShape, nameof(RandomCrop));

    /// <inheritdoc/>
    public void Apply(Span<float> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Crop(sample, sampleShape, ref random);

    /// <inheritdoc/>
    public void Apply(Span<double> sample, ReadOnlySpan<int> sampleShape, ref Rng random) => Crop(sample, sampleShape, ref random);

    private void Crop<T>(Span<T> sample, ReadOnlySpan<int> sampleShape, ref Rng random)
    {
        int dy = random.NextInt32(2 * Padding + 1) - Padding;
        int dx = random.NextInt32(2 * Padding + 1) - Padding;
        ImageShape image = ImageShape.Of(sampleShape, nameof(RandomCrop));
        for (int plane = 0; plane < image.Planes; plane++)
            Shift(sample.Slice(plane * image.PlaneLength, image.PlaneLength), image.Height, image.Width, dy, dx);
    }

    /// <summary>Sets <c>plane[y, x] = plane[y + dy, x + dx]</c> (0 outside), in place.</summary>
    internal static void Shift<T>(Span<T> plane, int height, int width, int dy, int dx)
    {
        // Rows are read before they are overwritten: reading below (dy > 0) walks down, reading
        // above walks up. Within a row, Span.CopyTo moves overlapping ranges correctly.
        int kept = width - Math.Abs(dx);
        for (int step = 0; step < height; step++)
        {
            int y = dy > 0 ? step : height - 1 - step;
            Span<T> target = plane.Slice(y * width, width);
            int sourceRow = y + dy;
            if (sourceRow < 0 || sourceRow >= height || kept <= 0)
            {
                target.Clear();
                continue;
            }
            Span<T> source = plane.Slice(sourceRow * width, width);
            source.Slice(Math.Max(dx, 0), kept).CopyTo(target[Math.Max(-dx, 0)..]);
            if (dx > 0)
                target[kept..].Clear();
            else
                target[..(-dx)].Clear();
        }
    }
}
