using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Cropping of NCHW feature maps, <c>[batch, C, H, W] → [batch, C, H − top − bottom, W − left − right]</c>:
/// each map loses <c>top</c> rows above, <c>bottom</c> below, <c>left</c> columns on the left and
/// <c>right</c> on the right, as Keras's <c>Cropping2D(((top, bottom), (left, right)))</c>. The backward
/// pass puts the gradient back in place with zeros around it, the inverse of <see cref="ZeroPadding2D"/>.
/// </summary>
public static class Cropping2D
{
    /// <summary><c>y[n, c, h, w] = x[n, c, top + h, left + w]</c>.</summary>
    /// <param name="x">The inputs, batch × channels × height × width values.</param>
    /// <param name="y">The cropped maps, batch × channels × (height − top − bottom) × (width − left − right) values; must not overlap <paramref name="x"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="height">The rows of an input map.</param>
    /// <param name="width">The columns of an input map.</param>
    /// <param name="top">The rows removed from the top of each map.</param>
    /// <param name="bottom">The rows removed from the bottom of each map; top + bottom at most height.</param>
    /// <param name="left">The columns removed from the left of each map.</param>
    /// <param name="right">The columns removed from the right of each map; left + right at most width.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension or an amount is negative, or the crops exceed the maps.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Forward<T>(
        ReadOnlySpan<T> x, Span<T> y, int batch, int channels, int height, int width, int top, int bottom, int left, int right)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Cropping2D.Forward";
        PlaneWindow.Validate(x.Length, y.Length, batch, channels, height, width, top, bottom, left, right, crop: true, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        PlaneWindow.Extract(x, y, batch * channels, height, width, height - top - bottom, width - left - right, top, left, accumulate: false);
    }

    /// <summary>
    /// <c>dx[n, c, top + h, left + w] = dy[n, c, h, w]</c> and <c>dx = 0</c> where the crop removed
    /// values, or with <paramref name="accumulate"/> <c>dx[n, c, top + h, left + w] += dy[n, c, h, w]</c>
    /// and the rest left as it is.
    /// </summary>
    /// <param name="dy">The gradient with respect to the cropped maps, batch × channels × (height − top − bottom) × (width − left − right) values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, batch × channels × height × width values; must not overlap <paramref name="dy"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="height">The rows of an input map.</param>
    /// <param name="width">The columns of an input map.</param>
    /// <param name="top">The rows removed from the top of each map.</param>
    /// <param name="bottom">The rows removed from the bottom of each map.</param>
    /// <param name="left">The columns removed from the left of each map.</param>
    /// <param name="right">The columns removed from the right of each map.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension or an amount is negative, or the crops exceed the maps.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Backward<T>(
        ReadOnlySpan<T> dy, Span<T> dx, int batch, int channels, int height, int width, int top, int bottom, int left, int right, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Cropping2D.Backward";
        PlaneWindow.Validate(dx.Length, dy.Length, batch, channels, height, width, top, bottom, left, right, crop: true, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        PlaneWindow.Embed(dy, dx, batch * channels, height, width, height - top - bottom, width - left - right, top, left, accumulate);
    }
}
