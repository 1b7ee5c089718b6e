namespace Precast.Data.Transforms;

/// <summary>
/// A sample read as images: the last two dimensions are height and width, everything before them
/// is channels (<c>[3, 32, 32]</c> is 3 planes of 32 × 32), as in the NCHW layout models use.
/// </summary>
internal readonly record struct ImageShape(int Planes, int Height, int Width)
{
    /// <summary>Reads <paramref name="sampleShape"/> as planes of height × width; throws naming <paramref name="transform"/> if it has fewer than 2 dimensions.</summary>
    public static ImageShape Of(ReadOnlySpan<int> sampleShape, string transform)
    {
        if (sampleShape.Length < 2)
            throw new ArgumentException(
                $"{transform}: samples of shape {ShapeText.Format(sampleShape)} are not images; expected at least 2 dimensions " +
                "[..., height, width] (for example [channels, height, width]).",
                nameof(sampleShape));
        int planes = 1;
        foreach (int dimension in sampleShape[..^2])
            planes *= dimension;
        return new ImageShape(planes, sampleShape[^2], sampleShape[^1]);
    }

    public int PlaneLength => Height * Width;
}
