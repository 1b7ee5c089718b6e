using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// Global average pooling, <c>[batch, C, H, W] → [batch, C]</c>: the mean of each channel's map.
/// The maps are passed as <c>inner = H·W</c> values per channel, so <c>[batch, C, L] → [batch, C]</c>
/// (1-D) is the same call with <c>inner = L</c>. As PyTorch's <c>AdaptiveAvgPool2d(1)</c> followed by a
/// flatten, or Keras's <c>GlobalAveragePooling2D</c> (channels-first).
/// </summary>
public static class GlobalAvgPool2D
{
    /// <summary>
    /// <c>y[n, c] = (1 / inner) · Σ_r x[n, c, r]</c>, the sum accumulated in double.
    /// </summary>
    /// <param name="x">The inputs, batch × channels × inner values.</param>
    /// <param name="y">The means, batch × channels values; must not overlap <paramref name="x"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="inner">The values per channel map (H·W), at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int batch, int channels, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "GlobalAvgPool2D.Forward";
        GlobalPooling.Validate(x.Length, y.Length, batch, channels, inner, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        for (int k = 0; k < y.Length; k++)
            y[k] = T.CreateTruncating(WideSums.Sum(x.Slice(k * inner, inner)) / inner);
    }

    /// <summary>
    /// <c>dx[n, c, r] = dy[n, c] / inner</c>, or with <paramref name="accumulate"/> <c>dx +=</c> that.
    /// </summary>
    /// <param name="dy">The gradient with respect to the means, batch × channels values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, batch × channels × inner values; must not overlap <paramref name="dy"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="inner">The values per channel map (H·W), at least 1.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Backward<T>(ReadOnlySpan<T> dy, Span<T> dx, int batch, int channels, int inner, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "GlobalAvgPool2D.Backward";
        GlobalPooling.Validate(dx.Length, dy.Length, batch, channels, inner, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        T count = T.CreateTruncating(inner);
        for (int k = 0; k < dy.Length; k++)
        {
            Span<T> map = dx.Slice(k * inner, inner);
            T share = dy[k] / count;
            if (accumulate)
                TensorPrimitives.Add(map, share, map);
            else
                map.Fill(share);
        }
    }
}
