using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// Global max pooling, <c>[batch, C, H, W] → [batch, C]</c>: the largest value of each channel's map,
/// its gradient going to that one position. The maps are passed as <c>inner = H·W</c> values per
/// channel, so the 1-D form over <c>[batch, C, L]</c> is the same call with <c>inner = L</c>.
/// </summary>
/// <remarks>
/// This is <see cref="MaxPool2D"/> with one window covering the whole map (the maximum found with
/// vectors), with its rule for ties (the first maximum in row-major order wins; a NaN gives NaN, the
/// last NaN winning), as PyTorch's
/// <c>AdaptiveMaxPool2d(1)</c> and <c>max_pool2d</c> with a full-size kernel route the gradient. (Keras's
/// <c>GlobalMaxPooling2D</c>, a <c>reduce_max</c>, and PyTorch's <c>amax</c> split it evenly among tied
/// maxima instead: the same after a ReLU, whose all-zero maps are where ties happen, because the
/// ReLU's backward step zeroes those gradients anyway.) Backward finds the maxima again in <c>x</c>.
/// </remarks>
public static class GlobalMaxPool2D
{
    /// <summary><c>y[n, c] = max_r x[n, c, r]</c>.</summary>
    /// <param name="x">The inputs, batch × channels × inner values.</param>
    /// <param name="y">The maxima, batch × channels values; must not overlap <paramref name="x"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="inner">The values per channel map (H·W), at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int batch, int channels, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "GlobalMaxPool2D.Forward";
        GlobalPooling.Validate(x.Length, y.Length, batch, channels, inner, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        for (int k = 0; k < y.Length; k++)
        {
            y[k] = TensorPrimitives.Max(x.Slice(k * inner, inner));
        }
    }

    /// <summary>
    /// <c>dx[n, c, r] = dy[n, c]</c> at the map's winner <c>r</c> and 0 elsewhere, or with
    /// <paramref name="accumulate"/> <c>dx[n, c, r] += dy[n, c]</c> at the winner only.
    /// </summary>
    /// <param name="x">The forward inputs, batch × channels × inner values.</param>
    /// <param name="dy">The gradient with respect to the maxima, batch × channels values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, as long as <paramref name="x"/>; must not overlap an input.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="inner">The values per channel map (H·W), at least 1.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or <paramref name="dx"/> overlaps an input.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int batch, int channels, int inner, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "GlobalMaxPool2D.Backward";
        GlobalPooling.Validate(x.Length, dy.Length, batch, channels, inner, method, nameof(x), nameof(dy));
        KernelGuard.SameLength(dx.Length, x.Length, method, nameof(dx), nameof(x));
        KernelGuard.Separate<T>(dx, x, method, nameof(dx), nameof(x));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        if (!accumulate)
            dx.Clear();
        for (int k = 0; k < dy.Length; k++)
        {
            ReadOnlySpan<T> map = x.Slice(k * inner, inner);
            dx[k * inner + MaxPool2D.Winner(map, inner, (0, 1), (0, inner), TensorPrimitives.Max(map))] += dy[k];
        }
    }
}
