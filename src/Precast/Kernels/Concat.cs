using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Concatenation along the per-sample feature axis of row-major buffers: parts <c>[batch, partLength]</c>
/// side by side in <c>y [batch, totalLength]</c>, each at its own column offset. A sample's features
/// are contiguous, so concatenating <c>[batch, C, H, W]</c> feature maps along the channels is the
/// same call with <c>partLength = C·H·W</c>. One call per part, forward and backward.
/// </summary>
public static class Concat
{
    /// <summary>
    /// <c>y[n, offset + j] = x[n, j]</c> for every sample <c>n &lt; batch</c> and <c>j &lt; partLength</c>:
    /// copies one part into its columns <c>[offset, offset + partLength)</c>; the other columns are left alone.
    /// </summary>
    /// <param name="x">The part, batch × partLength values.</param>
    /// <param name="y">The concatenation, batch × totalLength values; must not overlap <paramref name="x"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="partLength">The features per sample of this part.</param>
    /// <param name="offset">The first column of this part in <paramref name="y"/>.</param>
    /// <param name="totalLength">The features per sample of the concatenation.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or the part does not fit: offset + partLength &gt; totalLength.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int batch, int partLength, int offset, int totalLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Concat.Forward";
        Validate(x, y, batch, partLength, offset, totalLength, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        for (int n = 0; n < batch; n++)
            x.Slice(n * partLength, partLength).CopyTo(y.Slice(n * totalLength + offset, partLength));
    }

    /// <summary>
    /// <c>dx[n, j] = dy[n, offset + j]</c>, or with <paramref name="accumulate"/> <c>dx[n, j] += dy[n, offset + j]</c>:
    /// the part's columns of the concatenation's gradient.
    /// </summary>
    /// <param name="dy">The gradient with respect to the concatenation, batch × totalLength values.</param>
    /// <param name="dx">Receives the gradient with respect to the part, batch × partLength values; must not overlap <paramref name="dy"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="partLength">The features per sample of this part.</param>
    /// <param name="offset">The first column of this part in the concatenation.</param>
    /// <param name="totalLength">The features per sample of the concatenation.</param>
    /// <param name="accumulate">
    /// Whether to add to what <paramref name="dx"/> holds (for a part read by other layers too)
    /// instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or the part does not fit: offset + partLength &gt; totalLength.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the spans overlap.</exception>
    public static void Backward<T>(ReadOnlySpan<T> dy, Span<T> dx, int batch, int partLength, int offset, int totalLength, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Concat.Backward";
        Validate(dx, dy, batch, partLength, offset, totalLength, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        for (int n = 0; n < batch; n++)
            Accumulation.Copy(dy.Slice(n * totalLength + offset, partLength), dx.Slice(n * partLength, partLength), accumulate);
    }

    private static void Validate<T>(
        ReadOnlySpan<T> part, ReadOnlySpan<T> whole, int batch, int partLength, int offset, int totalLength,
        string method, string partName, string wholeName)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(partLength, method, nameof(partLength));
        KernelGuard.Dimension(offset, method, nameof(offset));
        KernelGuard.Dimension(totalLength, method, nameof(totalLength));
        KernelGuard.Columns(offset, partLength, totalLength, method, nameof(offset), nameof(partLength), nameof(totalLength));
        KernelGuard.Matrix(part.Length, batch, partLength, method, partName, nameof(batch), nameof(partLength));
        KernelGuard.Matrix(whole.Length, batch, totalLength, method, wholeName, nameof(batch), nameof(totalLength));
    }
}
