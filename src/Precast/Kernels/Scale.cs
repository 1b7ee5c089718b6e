using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// Per-channel scaling, the excitation step of squeeze-and-excitation: <c>x</c> viewed as
/// <c>[batch, channels, inner]</c> (inner = H·W for feature maps, 1 for plain features) is multiplied by
/// <c>s [batch, channels]</c>, one factor per sample and channel: <c>y[n, c, r] = x[n, c, r] · s[n, c]</c>.
/// </summary>
public static class Scale
{
    /// <summary>
    /// <c>y[n, c, r] = x[n, c, r] · s[n, c]</c>. <paramref name="y"/> may be <paramref name="x"/> itself;
    /// it must not overlap <paramref name="s"/>.
    /// </summary>
    /// <param name="x">The inputs, batch × channels × inner values.</param>
    /// <param name="s">The factors, batch × channels values.</param>
    /// <param name="y">The outputs, batch × channels × inner values.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels, one factor each.</param>
    /// <param name="inner">The values per channel that share a factor.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or <paramref name="y"/> overlaps <paramref name="s"/>.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> s, Span<T> y, int batch, int channels, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Scale.Forward";
        ValidateDimensions(batch, channels, inner, method);
        KernelGuard.Tensor(x.Length, batch, channels, inner, method, nameof(x), nameof(batch), nameof(channels), nameof(inner));
        KernelGuard.Matrix(s.Length, batch, channels, method, nameof(s), nameof(batch), nameof(channels));
        KernelGuard.Tensor(y.Length, batch, channels, inner, method, nameof(y), nameof(batch), nameof(channels), nameof(inner));
        KernelGuard.Separate<T>(y, s, method, nameof(y), nameof(s));
        if (inner == 1)
        {
            TensorPrimitives.Multiply(x, s, y); // one factor per value: a single elementwise product
            return;
        }
        for (int k = 0; k < s.Length; k++)
            TensorPrimitives.Multiply(x.Slice(k * inner, inner), s[k], y.Slice(k * inner, inner));
    }

    /// <summary>
    /// <c>dx[n, c, r] = dy[n, c, r] · s[n, c]</c> and <c>ds[n, c] = Σ_r dy[n, c, r] · x[n, c, r]</c>, each
    /// written or, with its accumulate flag, added. Either output may be empty when its gradient is not
    /// needed; that work is skipped. Each channel's <paramref name="ds"/> is computed before its
    /// <paramref name="dx"/> is written, so without <paramref name="accumulateDx"/>,
    /// <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="x">The forward inputs, batch × channels × inner values.</param>
    /// <param name="s">The factors, batch × channels values.</param>
    /// <param name="dy">The gradient with respect to the outputs, batch × channels × inner values.</param>
    /// <param name="dx">Receives the gradient with respect to <paramref name="x"/>: as long as <paramref name="dy"/>, or empty to skip it. Must not overlap <paramref name="s"/>.</param>
    /// <param name="ds">Receives the gradient with respect to <paramref name="s"/>: as long as <paramref name="s"/>, or empty to skip it. Must not overlap any input.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="inner">The values per channel.</param>
    /// <param name="accumulateDx">Whether to add to what <paramref name="dx"/> holds instead of overwriting it; then it must not overlap any input.</param>
    /// <param name="accumulateDs">Whether to add to what <paramref name="ds"/> holds instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or an output overlaps an input it must not.</exception>
    public static void Backward<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> s, ReadOnlySpan<T> dy, Span<T> dx, Span<T> ds,
        int batch, int channels, int inner, bool accumulateDx, bool accumulateDs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Scale.Backward";
        ValidateDimensions(batch, channels, inner, method);
        KernelGuard.Tensor(x.Length, batch, channels, inner, method, nameof(x), nameof(batch), nameof(channels), nameof(inner));
        KernelGuard.Matrix(s.Length, batch, channels, method, nameof(s), nameof(batch), nameof(channels));
        KernelGuard.SameLength(dy.Length, x.Length, method, nameof(dy), nameof(x));
        KernelGuard.SameLengthOrEmpty(dx.Length, x.Length, method, nameof(dx), nameof(x));
        KernelGuard.SameLengthOrEmpty(ds.Length, s.Length, method, nameof(ds), nameof(s));
        KernelGuard.Separate<T>(dx, s, method, nameof(dx), nameof(s));
        KernelGuard.SeparateWhenAccumulating<T>(accumulateDx, dx, x, method, nameof(dx), nameof(x));
        KernelGuard.SeparateWhenAccumulating<T>(accumulateDx, dx, dy, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(ds, x, method, nameof(ds), nameof(x));
        KernelGuard.Separate<T>(ds, s, method, nameof(ds), nameof(s));
        KernelGuard.Separate<T>(ds, dy, method, nameof(ds), nameof(dy));
        if (inner == 1)
        {
            // One factor per value: two elementwise products, ds first so that dx may be dy.
            if (!ds.IsEmpty)
                Accumulation.Multiply(dy, x, ds, accumulateDs);
            if (!dx.IsEmpty)
                Accumulation.Multiply(dy, s, dx, accumulateDx);
            return;
        }
        for (int k = 0; k < s.Length; k++)
        {
            ReadOnlySpan<T> dyRow = dy.Slice(k * inner, inner);
            if (!ds.IsEmpty)
            {
                T dot = TensorPrimitives.Dot(dyRow, x.Slice(k * inner, inner));
                ds[k] = accumulateDs ? ds[k] + dot : dot;
            }
            if (!dx.IsEmpty)
                Accumulation.Multiply(dyRow, s[k], dx.Slice(k * inner, inner), accumulateDx);
        }
    }

    private static void ValidateDimensions(int batch, int channels, int inner, string method)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(channels, method, nameof(channels));
        KernelGuard.Dimension(inner, method, nameof(inner));
    }
}
