using System.Diagnostics;
using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// 2-D max pooling over NCHW feature maps, <c>[batch, C, InHeight, InWidth] → [batch, C, OutHeight, OutWidth]</c>:
/// each output is the largest input in its window (<see cref="Pool2DGeometry"/>), and in the backward
/// pass its gradient goes to that one input. Padding never wins: positions outside the input take no
/// part, as in PyTorch, which pads with −∞. For 1-D pooling over <c>[batch, C, L]</c> pass
/// <see cref="Pool2DGeometry.OneDimensional"/>.
/// </summary>
/// <remarks>
/// <para>
/// The winner of a window, which receives its gradient, is its first position, in row-major order
/// within the window, holding the maximum: of equal values (and of <c>−0</c> and <c>+0</c>) the first.
/// A window holding a NaN gives NaN and its last NaN is the winner. This is PyTorch's CPU kernel
/// (<c>val &gt; maxval || isnan(val)</c>), checked against <c>max_pool2d(..., return_indices=True)</c>.
/// The forward value is the IEEE maximum, the same value but for the sign of a zero maximum (PyTorch
/// keeps the first zero's sign, this <c>+0</c> when the window holds both).
/// </para>
/// <para>
/// No index buffer: <see cref="Backward{T}"/> finds each window's maximum and then its winner again
/// in <c>x</c>, so it reads the forward input and not the output.
/// </para>
/// </remarks>
public static class MaxPool2D
{
    /// <summary>
    /// <c>y[n, c, i, j] = max x[n, c, h, w]</c> over the input positions <c>(h, w)</c> of window <c>(i, j)</c>.
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
        const string method = "MaxPool2D.Forward";
        geometry.Validate(batch, x.Length, y.Length, method, nameof(x), nameof(y));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        if (MaxPoolHalving.Applies(geometry))
            MaxPoolHalving.Forward(x, y, geometry, batch);
        else
            ForwardAnyWindows(x, y, geometry, batch);
    }

    /// <summary><see cref="Forward{T}"/> by the general walk over windows, for any checked geometry.</summary>
    internal static void ForwardAnyWindows<T>(ReadOnlySpan<T> x, Span<T> y, Pool2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var forward = new Forwarding<T>(x, y, geometry.InWidth);
        geometry.ForEachWindow(batch, ref forward);
    }

    /// <summary>
    /// <c>dx[n, c, h, w] = Σ dy[n, c, i, j]</c> over the windows <c>(i, j)</c> whose winner is <c>(h, w)</c>
    /// (zero for an input that wins no window; overlapping windows, stride &lt; window, may route several),
    /// or with <paramref name="accumulate"/> <c>dx +=</c> that. The winners are found again in
    /// <paramref name="x"/> (see the class remarks), so the forward output is not needed.
    /// </summary>
    /// <param name="x">The forward inputs, batch × Channels × InHeight × InWidth values.</param>
    /// <param name="dy">The gradient with respect to the outputs, batch × Channels × OutHeight × OutWidth values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, as long as <paramref name="x"/>; must not overlap an input.</param>
    /// <param name="geometry">The geometry the forward pass used.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or a window holds no input position.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the geometry, or <paramref name="dx"/> overlaps an input.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, Pool2DGeometry geometry, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "MaxPool2D.Backward";
        geometry.Validate(batch, x.Length, dy.Length, method, nameof(x), nameof(dy));
        KernelGuard.SameLength(dx.Length, x.Length, method, nameof(dx), nameof(x));
        KernelGuard.Separate<T>(dx, x, method, nameof(dx), nameof(x));
        KernelGuard.Separate<T>(dx, dy, method, nameof(dx), nameof(dy));
        if (!accumulate)
            dx.Clear();
        if (MaxPoolHalving.Applies(geometry))
            MaxPoolHalving.Backward(x, dy, dx, geometry, batch);
        else
            BackwardAnyWindows(x, dy, dx, geometry, batch);
    }

    /// <summary><see cref="Backward{T}"/> with <c>accumulate</c> by the general walk over windows, for any checked geometry.</summary>
    internal static void BackwardAnyWindows<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, Pool2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backward = new Routing<T>(x, dy, dx, geometry.InWidth);
        geometry.ForEachWindow(batch, ref backward);
    }

    /// <summary>
    /// The largest value of a window of <paramref name="plane"/> (rows <paramref name="width"/> apart):
    /// NaN if the window holds one. Branch-free (<c>T.Max</c> per value), which on random data runs
    /// several times faster than tracking the winner's position with comparisons.
    /// </summary>
    internal static T WindowMax<T>(ReadOnlySpan<T> plane, int width, (int Start, int End) rows, (int Start, int End) columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        for (int h = rows.Start; h < rows.End; h++)
        {
            foreach (T value in plane.Slice(h * width + columns.Start, columns.End - columns.Start))
                max = T.Max(max, value);
        }
        return max;
    }

    /// <summary>
    /// The index in <paramref name="plane"/> (rows <paramref name="width"/> apart) of the window's
    /// winner (the class remarks): the first position holding its maximum <paramref name="max"/>
    /// (<see cref="WindowMax{T}"/>), or with a NaN maximum the last NaN.
    /// </summary>
    internal static int Winner<T>(ReadOnlySpan<T> plane, int width, (int Start, int End) rows, (int Start, int End) columns, T max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(max))
            return LastNaN(plane, width, rows, columns);
        for (int h = rows.Start; h < rows.End; h++)
        {
            for (int w = columns.Start; w < columns.End; w++)
            {
                if (plane[h * width + w] == max)
                    return h * width + w;
            }
        }
        throw new UnreachableException("A window's maximum is one of its values.");
    }

    private static int LastNaN<T>(ReadOnlySpan<T> plane, int width, (int Start, int End) rows, (int Start, int End) columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int h = rows.End - 1; h >= rows.Start; h--)
        {
            for (int w = columns.End - 1; w >= columns.Start; w--)
            {
                if (T.IsNaN(plane[h * width + w]))
                    return h * width + w;
            }
        }
        throw new UnreachableException("A window whose maximum is NaN holds a NaN.");
    }

    /// <summary><c>y[output] = max x</c> over the window.</summary>
    private ref struct Forwarding<T>(ReadOnlySpan<T> x, Span<T> y, int width) : IPoolingWindowVisitor
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _x = x;
        private readonly Span<T> _y = y;

        public readonly void Visit(int output, int plane, (int Start, int End) rows, (int Start, int End) columns)
            => _y[output] = WindowMax(_x[plane..], width, rows, columns);
    }

    /// <summary><c>dx[winner] += dy[output]</c>.</summary>
    private ref struct Routing<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int width) : IPoolingWindowVisitor
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _x = x, _dy = dy;
        private readonly Span<T> _dx = dx;

        public readonly void Visit(int output, int plane, (int Start, int End) rows, (int Start, int End) columns)
        {
            ReadOnlySpan<T> map = _x[plane..];
            _dx[plane + Winner(map, width, rows, columns, WindowMax(map, width, rows, columns))] += _dy[output];
        }
    }
}
