namespace Precast.Data.Images;

/// <summary>The channels an image is decoded into; the value is the number of channels.</summary>
public enum ImageColor
{
    /// <summary>One channel of luminance (color files are converted by stb_image's integer luma formula, alpha dropped).</summary>
    Grayscale = 1,

    /// <summary>Three channels, red, green and blue, in that order (grayscale files are replicated, alpha dropped).</summary>
    Rgb = 3,
}
