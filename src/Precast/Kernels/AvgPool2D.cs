using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// 2-D average pooling over NCHW feature maps, <c>[batch, C, InHeight, InWidth] → [batch, C, OutHeight, OutWidth]</c>:
/// each output is the mean of the inputs in its window (<see cref="Pool2DGeometry"/>) that lie inside
/// the input. Padding is not counted: a window clipped by the border averages fewer values. This is
/// PyTorch's <c>avg_pool2d(..., count_include_pad=False)</c> and Keras's <c>AveragePooling2D</c>
/// (whose <c>"same"</c> padding averages only the real values). For 1-D pooling over <c>[batch, C, L]</c>
/// pass <see cref="Pool2DGeometry.OneDimensional"/>.
/// </summary>
public static class AvgPool2D
{
    /// <summary>
    /// <c>y[n, c, i, j] = (Σ x[n, c, h, w]) / count(i, j)</c> over the <c>count(i, j) ≥ 1</c> input
    /// positions <c>(h, w)</c> of window <c>(i, j)</c>.
    /// </summary>
    /// <param name="x">The inputs, batch × Channels × InHeight × InWidth values.</param>
    /// <param name="y">The outputs, batch × Channels × OutHeight × OutWidth values; must not overlap <paramref name="x"/>.</param>
    /// <param name="geometry">The maps' sizes and the windows.</param>
    /// <param name="batch">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or a window holds no input position.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the geometry, or the spans overlap.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, Pool2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "AvgPool2D.Forward";
        geometry.Validate(batch, x.Length, y.Length, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        var forward = new Averaging<T>(x, y, geometry.InWidth);
        geometry.ForEachWindow(batch, ref forward);
    }

    /// <summary>
    /// <c>dx[n, c, h, w] = Σ dy[n, c, i, j] / count(i, j)</c> over the windows <c>(i, j)</c> holding
    /// <c>(h, w)</c>, or with <paramref name="accumulate"/> <c>dx +=</c> that.
    /// </summary>
    /// <param name="dy">The gradient with respect to the outputs, batch × Channels × OutHeight × OutWidth values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, batch × Channels × InHeight × InWidth values; must not overlap <paramref name="dy"/>.</param>
    /// <param name="geometry">The geometry the forward pass used.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or a window holds no input position.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the geometry, or the spans overlap.</exception>
    public static void Backward<T>(ReadOnlySpan<T> dy, Span<T> dx, Pool2DGeometry geometry, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "AvgPool2D.Backward";
        geometry.Validate(batch, dx.Length, dy.Length, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        if (!accumulate)
            dx.Clear();
        var backward = new Spreading<T>(dy, dx, geometry.InWidth);
        geometry.ForEachWindow(batch, ref backward);
    }

    /// <summary>The number of input positions in a window, as <typeparamref name="T"/>.</summary>
    private static T Count<T>((int Start, int End) rows, (int Start, int End) columns)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.CreateTruncating((rows.End - rows.Start) * (columns.End - columns.Start));

    /// <summary><c>y[output] = Σ x / count</c> over the window.</summary>
    private ref struct Averaging<T>(ReadOnlySpan<T> x, Span<T> y, int width) : IPoolingWindowVisitor
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _x = x;
        private readonly Span<T> _y = y;

        public readonly void Visit(int output, int plane, (int Start, int End) rows, (int Start, int End) columns)
        {
            T sum = T.Zero;
            for (int h = rows.Start; h < rows.End; h++)
            {
                foreach (T value in _x.Slice(plane + h * width + columns.Start, columns.End - columns.Start))
                    sum += value;
            }
            _y[output] = sum / Count<T>(rows, columns);
        }
    }

    /// <summary><c>dx += dy[output] / count</c> over the window.</summary>
    private ref struct Spreading<T>(ReadOnlySpan<T> dy, Span<T> dx, int width) : IPoolingWindowVisitor
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _dy = dy;
        private readonly Span<T> _dx = dx;

        public readonly void Visit(int output, int plane, (int Start, int End) rows, (int Start, int End) columns)
        {
            T share = _dy[output] / Count<T>(rows, columns);
            for (int h = rows.Start; h < rows.End; h++)
            {
                foreach (ref T value in _dx.Slice(plane + h * width + columns.Start, columns.End - columns.Start))
                    value += share;
            }
        }
    }
}
