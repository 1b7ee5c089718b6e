using StbImageSharp;

namespace Precast.Data.Images;

/// <summary>
/// Decodes one image file (PNG, JPEG, BMP, or anything else stb_image reads) with StbImageSharp, a
/// managed port of stb_image, into the models' layout: channels first (CHW), values scaled from
/// 0..255 to [0, 1] by dividing by 255, as Keras's <c>rescale=1/255</c> and torchvision's
/// <c>ToTensor</c> do.
/// </summary>
/// <remarks>
/// StbImageSharp allocates the file's bytes and the decoded pixels for every image; that is why
/// lazily decoded images are best read through a <see cref="Prefetcher{T, TTarget}"/>, which does it
/// on its own thread. stb_image keeps its last failure reason in a static field, so decode from one
/// thread at a time (a batcher and a prefetcher do).
/// </remarks>
internal static class ImageDecoder
{
    /// <summary>The extensions <see cref="ImageFiles.FromDirectory"/> picks up, as Keras's <c>flow_from_directory</c> does (less its TIFF and PPM).</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp"];

    /// <summary>Decodes <paramref name="path"/> into <paramref name="destination"/> (channels × height × width values).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file cannot be decoded, or its size is not height × width; the message names the file and both sizes.</exception>
    public static void Decode(string path, ImageColor color, int height, int width, Span<float> destination)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(File.ReadAllBytes(path), color == ImageColor.Grayscale ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
        }
        catch (Exception error) when (error is not IOException and not UnauthorizedAccessException)
        {
            // stb_image reports a bad file with a plain Exception ("unknown image type", ...).
            throw new InvalidDataException($"Image file '{path}' cannot be decoded: {error.Message}", error);
        }
        if (image.Height != height || image.Width != width)
            throw new InvalidDataException(
                $"Image file '{path}' is {image.Height} × {image.Width} pixels (height × width); expected {height} × {width}, " +
                "the size of the model's input. Resize the images beforehand: Precast does not resize.");

        int channels = (int)color;
        int plane = height * width;
        byte[] pixels = image.Data;
        for (int c = 0; c < channels; c++)
        {
            Span<float> target = destination.Slice(c * plane, plane);
            for (int p = 0, source = c; p < plane; p++, source += channels)
                target[p] = pixels[source] / 255f;
        }
    }
}
