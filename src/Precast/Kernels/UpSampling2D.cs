using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Nearest-neighbour upsampling of NCHW feature maps by integer factors,
/// <c>[batch, C, H, W] → [batch, C, H·factorHeight, W·factorWidth]</c>: each value is repeated over a
/// <c>factorHeight × factorWidth</c> block, as Keras's <c>UpSampling2D(size, interpolation="nearest")</c>
/// and PyTorch's <c>Upsample(scale_factor, mode="nearest")</c> with integer factors. The backward pass
/// sums the gradient over each block.
/// </summary>
public static class UpSampling2D
{
    /// <summary><c>y[n, c, i, j] = x[n, c, ⌊i / factorHeight⌋, ⌊j / factorWidth⌋]</c>.</summary>
    /// <param name="x">The inputs, batch × channels × height × width values.</param>
    /// <param name="y">The upsampled maps, batch × channels × (height·factorHeight) × (width·factorWidth) values; must not overlap <paramref name="x"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="height">The rows of an input map.</param>
    /// <param name="width">The columns of an input map.</param>
    /// <param name="factorHeight">The rows each input row becomes, at least 1.</param>
    /// <param name="factorWidth">The columns each input column becomes, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or a factor less than 1.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int batch, int channels, int height, int width, int factorHeight, int factorWidth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "UpSampling2D.Forward";
        Validate(x.Length, y.Length, batch, channels, height, width, factorHeight, factorWidth, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        int outWidth = width * factorWidth;
        int rows = batch * channels * height; // input rows of all maps, one after another
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> input = x.Slice(r * width, width);
            Span<T> first = y.Slice(r * factorHeight * outWidth, outWidth);
            if (factorWidth == 1)
            {
                input.CopyTo(first);
            }
            else
            {
                for (int j = 0; j < width; j++)
                {
                    T value = input[j];
                    for (int b = j * factorWidth; b < (j + 1) * factorWidth; b++)
                        first[b] = value;
                }
            }
            for (int a = 1; a < factorHeight; a++)
                first.CopyTo(y.Slice((r * factorHeight + a) * outWidth, outWidth));
        }
    }

    /// <summary>
    /// <c>dx[n, c, h, w] = Σ_{a &lt; factorHeight, b &lt; factorWidth} dy[n, c, h·factorHeight + a, w·factorWidth + b]</c>,
    /// or with <paramref name="accumulate"/> <c>dx +=</c> that.
    /// </summary>
    /// <param name="dy">The gradient with respect to the upsampled maps, batch × channels × (height·factorHeight) × (width·factorWidth) values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, batch × channels × height × width values; must not overlap <paramref name="dy"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="height">The rows of an input map.</param>
    /// <param name="width">The columns of an input map.</param>
    /// <param name="factorHeight">The rows each input row became.</param>
    /// <param name="factorWidth">The columns each input column became.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or a factor less than 1.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Backward<T>(
        ReadOnlySpan<T> dy, Span<T> dx, int batch, int channels, int height, int width, int factorHeight, int factorWidth, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "UpSampling2D.Backward";
        Validate(dx.Length, dy.Length, batch, channels, height, width, factorHeight, factorWidth, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        int outWidth = width * factorWidth;
        int rows = batch * channels * height;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> block = dy.Slice(r * factorHeight * outWidth, factorHeight * outWidth); // the rows input row r became
            Span<T> output = dx.Slice(r * width, width);
            for (int j = 0; j < width; j++)
            {
                T sum = T.Zero;
                for (int a = 0; a < factorHeight; a++)
                {
                    for (int b = a * outWidth + j * factorWidth; b < a * outWidth + (j + 1) * factorWidth; b++)
                        sum += block[b];
                }
                output[j] = accumulate ? output[j] + sum : sum;
            }
        }
    }

    private static void Validate(
        int inputLength, int outputLength, int batch, int channels, int height, int width, int factorHeight, int factorWidth,
        string method, string inputName, string outputName)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(channels, method, nameof(channels));
        KernelGuard.Dimension(height, method, nameof(height));
        KernelGuard.Dimension(width, method, nameof(width));
        KernelGuard.Positive(factorHeight, method, nameof(factorHeight));
        KernelGuard.Positive(factorWidth, method, nameof(factorWidth));
        KernelGuard.Tensor4(inputLength, batch, channels, height, width, method, inputName, "batch × channels × height × width");
        KernelGuard.Tensor4(
            outputLength, batch, channels, (long)height * factorHeight, (long)width * factorWidth, method, outputName,
            "batch × channels × (height · factorHeight) × (width · factorWidth)");
    }
}
