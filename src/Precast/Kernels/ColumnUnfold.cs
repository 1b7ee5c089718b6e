using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// im2col and its adjoint col2im for one sample and one channel group: the columns matrix
/// <c>[Cg·KernelHeight·KernelWidth, OutHeight·OutWidth]</c> holds, in row <c>(c·KernelHeight + u)·KernelWidth + v</c>
/// and column <c>i·OutWidth + j</c>, the input value that weight <c>[·, c, u, v]</c> multiplies for output
/// <c>(i, j)</c>: <c>x[c, i·StrideHeight − PadTop + u·DilationHeight, j·StrideWidth − PadLeft + v·DilationWidth]</c>,
/// or 0 in the padding. The rows are <c>rowStride</c> values apart: <c>OutHeight·OutWidth</c> for one
/// sample alone, wider when the sample's columns are one block of a matrix holding several samples
/// side by side (<see cref="Im2ColConvolution"/>'s chunks). Unchecked: the callers check the geometry and the spans.
/// </summary>
internal static class ColumnUnfold
{
    /// <summary>The columns' length for one group of one sample: <c>(InChannels / Groups)·KernelHeight·KernelWidth·OutHeight·OutWidth</c>.</summary>
    public static int Length(in Conv2DGeometry geometry)
        => geometry.GroupInChannels * geometry.KernelHeight * geometry.KernelWidth * geometry.OutHeight * geometry.OutWidth;

    /// <summary>
    /// Writes the columns of <paramref name="x"/>, the group's <c>Cg</c> input planes, into the
    /// <c>OutHeight·OutWidth</c> values from the start of each row of <paramref name="columns"/>, rows
    /// <paramref name="rowStride"/> apart; nothing else of <paramref name="columns"/> is touched.
    /// </summary>
    public static void Unfold<T>(ReadOnlySpan<T> x, Span<T> columns, int rowStride, in Conv2DGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Walk<T, Gather>(x, columns, rowStride, geometry);

    /// <summary>
    /// Adds the columns (laid out as <see cref="Unfold{T}"/> writes them) into <paramref name="dx"/>, the
    /// group's <c>Cg</c> input planes: <c>dx += col2im(columns)</c>.
    /// </summary>
    public static void FoldAdd<T>(ReadOnlySpan<T> columns, int rowStride, Span<T> dx, in Conv2DGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Walk<T, Scatter>(columns, dx, rowStride, geometry);

    /// <summary>What happens between an input row and a row of the columns.</summary>
    private interface IDirection
    {
        /// <summary>Moves the <paramref name="count"/> values <c>plane[start + t·stride]</c> and <c>row[first + t]</c>.</summary>
        static abstract void Move<T>(ReadOnlySpan<T> source, Span<T> target, int inputStart, int stride, int first, int count)
            where T : unmanaged, IFloatingPointIeee754<T>;

        /// <summary>Whether the columns are written (the values of the padding must be zeroed).</summary>
        static abstract bool WritesColumns { get; }
    }

    /// <summary>im2col: <c>row[first + t] = input[start + t·stride]</c>.</summary>
    private readonly struct Gather : IDirection
    {
        public static bool WritesColumns => true;

        public static void Move<T>(ReadOnlySpan<T> input, Span<T> row, int inputStart, int stride, int first, int count)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (stride == 1)
            {
                input.Slice(inputStart, count).CopyTo(row.Slice(first, count));
                return;
            }
            for (int t = 0; t < count; t++)
                row[first + t] = input[inputStart + t * stride];
        }
    }

    /// <summary>col2im: <c>input[start + t·stride] += row[first + t]</c>.</summary>
    private readonly struct Scatter : IDirection
    {
        public static bool WritesColumns => false;

        public static void Move<T>(ReadOnlySpan<T> row, Span<T> input, int inputStart, int stride, int first, int count)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (stride == 1)
            {
                Span<T> target = input.Slice(inputStart, count);
                TensorPrimitives.Add(target, row.Slice(first, count), target);
                return;
            }
            for (int t = 0; t < count; t++)
                input[inputStart + t * stride] += row[first + t];
        }
    }

    /// <summary>
    /// Visits every row <c>(c, u, v)</c> of the columns and every output row i, pairing the run of
    /// output columns whose input column lies inside the input with that input row. With
    /// <see cref="Gather"/> <paramref name="source"/> is the input and <paramref name="target"/> the
    /// columns; with <see cref="Scatter"/> the other way round. Rows of the columns are
    /// <paramref name="rowStride"/> values apart.
    /// </summary>
    private static void Walk<T, TDirection>(ReadOnlySpan<T> source, Span<T> target, int rowStride, in Conv2DGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDirection : struct, IDirection
    {
        int h = g.InHeight, w = g.InWidth, ho = g.OutHeight, wo = g.OutWidth;
        int planes = g.GroupInChannels, plane = h * w;
        int row = 0;
        for (int c = 0; c < planes; c++)
        {
            for (int u = 0; u < g.KernelHeight; u++)
            {
                (int iFirst, int iEnd) = Inside(u * g.DilationHeight - g.PadTop, g.StrideHeight, h, ho);
                for (int v = 0; v < g.KernelWidth; v++, row++)
                {
                    int offset = v * g.DilationWidth - g.PadLeft;
                    (int jFirst, int jEnd) = Inside(offset, g.StrideWidth, w, wo);
                    int rowStart = row * rowStride;
                    if (TDirection.WritesColumns)
                    {
                        // Output rows whose input row is padding, then each row's padded columns, are zero.
                        target.Slice(rowStart, iFirst * wo).Clear();
                        target.Slice(rowStart + iEnd * wo, (ho - iEnd) * wo).Clear();
                    }
                    if (jEnd <= jFirst)
                    {
                        if (TDirection.WritesColumns)
                            target.Slice(rowStart + iFirst * wo, (iEnd - iFirst) * wo).Clear();
                        continue;
                    }
                    for (int i = iFirst; i < iEnd; i++)
                    {
                        int inputRow = c * plane + (i * g.StrideHeight + u * g.DilationHeight - g.PadTop) * w;
                        int columnsRow = rowStart + i * wo;
                        int inputStart = inputRow + jFirst * g.StrideWidth + offset;
                        if (TDirection.WritesColumns)
                        {
                            target.Slice(columnsRow, jFirst).Clear();
                            target.Slice(columnsRow + jEnd, wo - jEnd).Clear();
                            TDirection.Move(source, target.Slice(columnsRow, wo), inputStart, g.StrideWidth, jFirst, jEnd - jFirst);
                        }
                        else
                        {
                            TDirection.Move(source.Slice(columnsRow, wo), target, inputStart, g.StrideWidth, jFirst, jEnd - jFirst);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The output positions <c>[first, end)</c> (within <c>[0, outSize)</c>) whose input position
    /// <c>p·stride + offset</c> lies in <c>[0, inSize)</c>; <c>first == end</c> when there are none.
    /// </summary>
    public static (int First, int End) Inside(int offset, int stride, int inSize, int outSize)
    {
        // The taps of a kernel of outSize taps at dilation `stride`, reading from `offset`.
        TapRun run = TapRun.Create(0, 1, -offset, stride, outSize, inSize, adjoint: false);
        return (run.Tap, run.Tap + run.Count);
    }
}
