using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Zero padding of NCHW feature maps, <c>[batch, C, H, W] → [batch, C, top + H + bottom, left + W + right]</c>:
/// each map is placed at row <c>top</c>, column <c>left</c> of a map of zeros, as Keras's
/// <c>ZeroPadding2D(((top, bottom), (left, right)))</c> and PyTorch's <c>ZeroPad2d((left, right, top, bottom))</c>.
/// The backward pass takes the gradient's interior, the inverse of <see cref="Cropping2D"/>.
/// </summary>
public static class ZeroPadding2D
{
    /// <summary>
    /// <c>y[n, c, top + h, left + w] = x[n, c, h, w]</c>, and <c>y = 0</c> in the border.
    /// </summary>
    /// <param name="x">The inputs, batch × channels × height × width values.</param>
    /// <param name="y">The padded maps, batch × channels × (height + top + bottom) × (width + left + right) values; must not overlap <paramref name="x"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="height">The rows of an input map.</param>
    /// <param name="width">The columns of an input map.</param>
    /// <param name="top">The rows of zeros above each map.</param>
    /// <param name="bottom">The rows of zeros below each map.</param>
    /// <param name="left">The columns of zeros left of each map.</param>
    /// <param name="right">The columns of zeros right of each map.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension or an amount of padding is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Forward<T>(
        ReadOnlySpan<T> x, Span<T> y, int batch, int channels, int height, int width, int top, int bottom, int left, int right)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "ZeroPadding2D.Forward";
        PlaneWindow.Validate(x.Length, y.Length, batch, channels, height, width, top, bottom, left, right, crop: false, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        PlaneWindow.Embed(x, y, batch * channels, top + height + bottom, left + width + right, height, width, top, left, accumulate: false);
    }

    /// <summary>
    /// <c>dx[n, c, h, w] = dy[n, c, top + h, left + w]</c> (the border's gradient is dropped), or with
    /// <paramref name="accumulate"/> <c>dx +=</c> that.
    /// </summary>
    /// <param name="dy">The gradient with respect to the padded maps, batch × channels × (height + top + bottom) × (width + left + right) values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, batch × channels × height × width values; must not overlap <paramref name="dy"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="height">The rows of an input map.</param>
    /// <param name="width">The columns of an input map.</param>
    /// <param name="top">The rows of zeros above each map.</param>
    /// <param name="bottom">The rows of zeros below each map.</param>
    /// <param name="left">The columns of zeros left of each map.</param>
    /// <param name="right">The columns of zeros right of each map.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension or an amount of padding is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Backward<T>(
        ReadOnlySpan<T> dy, Span<T> dx, int batch, int channels, int height, int width, int top, int bottom, int left, int right, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "ZeroPadding2D.Backward";
        PlaneWindow.Validate(dx.Length, dy.Length, batch, channels, height, width, top, bottom, left, right, crop: false, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        PlaneWindow.Extract(dy, dx, batch * channels, top + height + bottom, left + width + right, height, width, top, left, accumulate);
    }
}
