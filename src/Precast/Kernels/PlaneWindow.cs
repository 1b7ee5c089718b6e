using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Copies between a stack of <c>[height, width]</c> maps and the same-sized windows at
/// <c>(top, left)</c> of a stack of larger <c>[outerHeight, outerWidth]</c> maps, one map per
/// (sample, channel), NCHW: zero padding's forward pass and cropping's backward pass embed,
/// cropping's forward pass and zero padding's backward pass extract. Unchecked: callers check the
/// sizes, and that the buffers do not overlap.
/// </summary>
internal static class PlaneWindow
{
    /// <summary>
    /// <c>window[p, r, c] = outer[p, top + r, left + c]</c>, or with <paramref name="accumulate"/> <c>+=</c>.
    /// </summary>
    public static void Extract<T>(
        ReadOnlySpan<T> outer, Span<T> window, int planes, int outerHeight, int outerWidth, int height, int width, int top, int left, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outerPlane = outerHeight * outerWidth;
        for (int p = 0; p < planes; p++)
        {
            for (int r = 0; r < height; r++)
            {
                Accumulation.Copy(
                    outer.Slice(p * outerPlane + (top + r) * outerWidth + left, width),
                    window.Slice((p * height + r) * width, width),
                    accumulate);
            }
        }
    }

    /// <summary>
    /// <c>outer[p, top + r, left + c] = window[p, r, c]</c> and zero around the window, or with
    /// <paramref name="accumulate"/> <c>outer[p, top + r, left + c] += window[p, r, c]</c>, leaving the rest alone.
    /// </summary>
    public static void Embed<T>(
        ReadOnlySpan<T> window, Span<T> outer, int planes, int outerHeight, int outerWidth, int height, int width, int top, int left, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outerPlane = outerHeight * outerWidth;
        for (int p = 0; p < planes; p++)
        {
            Span<T> map = outer.Slice(p * outerPlane, outerPlane);
            int cleared = 0; // the map is zero (or left alone) before this position
            for (int r = 0; r < height; r++)
            {
                int start = (top + r) * outerWidth + left;
                if (!accumulate)
                    map[cleared..start].Clear();
                Accumulation.Copy(window.Slice((p * height + r) * width, width), map.Slice(start, width), accumulate);
                cleared = start + width;
            }
            if (!accumulate)
                map[cleared..].Clear();
        }
    }

    /// <summary>
    /// Checks the sizes of a window layout and the spans' lengths: <paramref name="inputLength"/> holds
    /// <c>[batch, channels, height, width]</c>, <paramref name="outputLength"/> the padded maps (each
    /// side grown by its amount) or, with <paramref name="crop"/>, the cropped ones (each side shrunk).
    /// </summary>
    public static void Validate(
        int inputLength, int outputLength, int batch, int channels, int height, int width, int top, int bottom, int left, int right,
        bool crop, string method, string inputName, string outputName)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(channels, method, nameof(channels));
        KernelGuard.Dimension(height, method, nameof(height));
        KernelGuard.Dimension(width, method, nameof(width));
        KernelGuard.Dimension(top, method, nameof(top));
        KernelGuard.Dimension(bottom, method, nameof(bottom));
        KernelGuard.Dimension(left, method, nameof(left));
        KernelGuard.Dimension(right, method, nameof(right));
        KernelGuard.Tensor4(inputLength, batch, channels, height, width, method, inputName, "batch × channels × height × width");
        if (crop)
        {
            KernelGuard.Columns(top, bottom, height, method, nameof(top), nameof(bottom), nameof(height));
            KernelGuard.Columns(left, right, width, method, nameof(left), nameof(right), nameof(width));
            KernelGuard.Tensor4(
                outputLength, batch, channels, height - top - bottom, width - left - right, method, outputName,
                "batch × channels × (height - top - bottom) × (width - left - right)");
        }
        else
        {
            KernelGuard.Tensor4(
                outputLength, batch, channels, (long)height + top + bottom, (long)width + left + right, method, outputName,
                "batch × channels × (height + top + bottom) × (width + left + right)");
        }
    }
}
