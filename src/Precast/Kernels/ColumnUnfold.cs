using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        // Walk takes both sides writable, the direction deciding which it writes: im2col only reads x.
        => Walk<T, Gather>(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(x), x.Length), columns, rowStride, geometry);

    /// <summary>
    /// Adds the columns (laid out as <see cref="Unfold{T}"/> writes them) into <paramref name="dx"/>, the
    /// group's <c>Cg</c> input planes: <c>dx += col2im(columns)</c>. The values of the columns that fall
    /// in the padding may be zeroed on the way (see <see cref="Walk{T, TDirection}"/>).
    /// </summary>
    public static void FoldAdd<T>(Span<T> columns, int rowStride, Span<T> dx, in Conv2DGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Walk<T, Scatter>(dx, columns, rowStride, geometry);

    /// <summary>What happens between a run of an input row and a run of a row of the columns.</summary>
    private interface IDirection
    {
        /// <summary>
        /// Moves the <paramref name="count"/> values <c>input[t·stride]</c> and <c>row[t]</c>, references
        /// to the runs' first values: im2col copies from the input, col2im adds into it.
        /// </summary>
        static abstract void Move<T>(ref T input, nint stride, ref T row, int count)
            where T : unmanaged, IFloatingPointIeee754<T>;

        /// <summary>Whether the columns are written (the values of the padding must be zeroed).</summary>
        static abstract bool WritesColumns { get; }
    }

    /// <summary>im2col: <c>row[t] = input[t·stride]</c>.</summary>
    private readonly struct Gather : IDirection
    {
        public static bool WritesColumns => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Move<T>(ref T input, nint stride, ref T row, int count)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (stride != 1)
            {
                for (int t = 0; t < count; t++)
                    Unsafe.Add(ref row, t) = Unsafe.Add(ref input, t * stride);
                return;
            }
            // Runs are short (an output row, 7 to 28 values in the ResNet), so a call to a general copy
            // costs more than the copy: whole vectors, the last one overlapping the one before.
            if (VectorMath.IsAccelerated<T>() && count >= Vector<T>.Count)
            {
                int last = count - Vector<T>.Count;
                for (int t = 0; t < last; t += Vector<T>.Count)
                    Vector.LoadUnsafe(ref input, (nuint)t).StoreUnsafe(ref row, (nuint)t);
                Vector.LoadUnsafe(ref input, (nuint)last).StoreUnsafe(ref row, (nuint)last);
                return;
            }
            for (int t = 0; t < count; t++)
                Unsafe.Add(ref row, t) = Unsafe.Add(ref input, t);
        }
    }

    /// <summary>col2im: <c>input[t·stride] += row[t]</c>.</summary>
    private readonly struct Scatter : IDirection
    {
        public static bool WritesColumns => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Move<T>(ref T input, nint stride, ref T row, int count)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (stride == 1 && VectorMath.IsAccelerated<T>() && count >= Vector<T>.Count)
            {
                // Whole vectors, the last one overlapping the one before: its sums are taken before any
                // store, so the values both cover get the same sum twice rather than the row added twice.
                int last = count - Vector<T>.Count;
                Vector<T> tail = Vector.LoadUnsafe(ref input, (nuint)last) + Vector.LoadUnsafe(ref row, (nuint)last);
                for (int t = 0; t < last; t += Vector<T>.Count)
                    (Vector.LoadUnsafe(ref input, (nuint)t) + Vector.LoadUnsafe(ref row, (nuint)t)).StoreUnsafe(ref input, (nuint)t);
                tail.StoreUnsafe(ref input, (nuint)last);
                return;
            }
            for (int t = 0; t < count; t++)
                Unsafe.Add(ref input, t * stride) += Unsafe.Add(ref row, t);
        }
    }

    /// <summary>
    /// Visits every row <c>(c, u, v)</c> of the columns and every output row i, pairing the run of
    /// output columns whose input column lies inside the input with that input row: <see cref="Gather"/>
    /// writes the columns from the input planes, <see cref="Scatter"/> adds them into the input planes.
    /// Rows of the columns are <paramref name="rowStride"/> values apart.
    /// </summary>
    /// <remarks>
    /// At stride 1 with outputs as wide as the input (a "same" convolution), a row of the columns is
    /// the input plane shifted by a constant: output <c>(i, j)</c> reads input position
    /// <c>(i + Δi)·w + j + Δj</c>. Its runs then join into one run from the first output row inside the
    /// input to the last, moved at once; the columns of that run that fall in the left or right
    /// padding pair with the ends of the neighbouring input rows, so im2col zeroes them after the copy
    /// and col2im before the add (the columns are scratch). A 7×7 map's rows are shorter than a vector
    /// of floats, and moved row by row they took as long as the matrix product. Against the span loop
    /// this replaced (one process, interleaved, 2026-12-02), unfold and fold of one sample are 4.3 and
    /// 2.9 times faster on a 3×3 "same" layer at 14×14, 3.8 and 3.4 at 7×7, 1.8 to 3 and 2.3 to 2.6 on
    /// the stride-2 layers, 3.1 and 2.6 on a 5×5 valid layer.
    /// The runs are moved through references: the callers checked the spans against the geometry,
    /// and every index stays within the input planes and the columns' rows (the convolution tests
    /// run every pass with NaN around and in the buffers).
    /// </remarks>
    private static void Walk<T, TDirection>(Span<T> planes, Span<T> columnsSpan, int rowStride, in Conv2DGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDirection : struct, IDirection
    {
        int h = g.InHeight, w = g.InWidth, ho = g.OutHeight, wo = g.OutWidth;
        int channels = g.GroupInChannels, plane = h * w, kh = g.KernelHeight, kw = g.KernelWidth;
        int sh = g.StrideHeight, sw = g.StrideWidth, dh = g.DilationHeight, dw = g.DilationWidth, pt = g.PadTop, pl = g.PadLeft;
        Debug.Assert(planes.Length >= channels * plane);
        Debug.Assert(columnsSpan.Length >= (channels * kh * kw - 1) * rowStride + ho * wo);
        ref T input = ref MemoryMarshal.GetReference(planes);
        ref T columns = ref MemoryMarshal.GetReference(columnsSpan);
        bool shifted = sh == 1 && sw == 1 && wo == w;
        int row = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int u = 0; u < kh; u++)
            {
                int rowOffset = u * dh - pt;
                (int iFirst, int iEnd) = Inside(rowOffset, sh, h, ho);
                for (int v = 0; v < kw; v++, row++)
                {
                    int offset = v * dw - pl;
                    (int jFirst, int jEnd) = Inside(offset, sw, w, wo);
                    int rowStart = row * rowStride;
                    if (TDirection.WritesColumns)
                    {
                        // Output rows whose input row is padding are zero.
                        columnsSpan.Slice(rowStart, iFirst * wo).Clear();
                        columnsSpan.Slice(rowStart + iEnd * wo, (ho - iEnd) * wo).Clear();
                    }
                    if (jEnd <= jFirst)
                    {
                        if (TDirection.WritesColumns)
                            columnsSpan.Slice(rowStart + iFirst * wo, (iEnd - iFirst) * wo).Clear();
                        continue;
                    }
                    ref T columnsRow = ref Unsafe.Add(ref columns, rowStart);
                    if (shifted)
                    {
                        if (iEnd <= iFirst)
                            continue;
                        // One run from (iFirst, jFirst) to (iEnd − 1, jEnd − 1); see the remarks.
                        int first = iFirst * wo + jFirst, end = (iEnd - 1) * wo + jEnd;
                        if (!TDirection.WritesColumns)
                            ClearSides(ref columnsRow, iFirst, iEnd, wo, jFirst, jEnd);
                        TDirection.Move(ref Unsafe.Add(ref input, c * plane + rowOffset * w + offset + first), 1, ref Unsafe.Add(ref columnsRow, first), end - first);
                        if (TDirection.WritesColumns)
                            ClearSides(ref columnsRow, iFirst, iEnd, wo, jFirst, jEnd);
                        continue;
                    }
                    if (iEnd > iFirst)
                    {
                        int firstRun = c * plane + (iFirst * sh + rowOffset) * w + jFirst * sw + offset;
                        MoveRuns<T, TDirection>(ref Unsafe.Add(ref input, firstRun), sh * w, sw, ref Unsafe.Add(ref columnsRow, iFirst * wo + jFirst), wo, iEnd - iFirst, jEnd - jFirst);
                    }
                    if (TDirection.WritesColumns)
                        ClearSides(ref columnsRow, iFirst, iEnd, wo, jFirst, jEnd);
                }
            }
        }
    }

    /// <summary>
    /// Moves <paramref name="runs"/> runs of <paramref name="count"/> values, run r pairing
    /// <c>input[r·inputStep + t·stride]</c> with <c>columns[r·columnsStep + t]</c>. A method of its own so
    /// that the moves compile into a small loop: inlined into <see cref="Walk{T, TDirection}"/> they
    /// were left with calls and spilled registers.
    /// </summary>
    private static void MoveRuns<T, TDirection>(ref T input, nint inputStep, nint stride, ref T columns, nint columnsStep, int runs, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDirection : struct, IDirection
    {
        for (int r = 0; r < runs; r++)
            TDirection.Move(ref Unsafe.Add(ref input, r * inputStep), stride, ref Unsafe.Add(ref columns, r * columnsStep), count);
    }

    /// <summary>Zeroes the columns <c>[0, jFirst)</c> and <c>[jEnd, wo)</c> of output rows <c>[iFirst, iEnd)</c>: the left and right padding.</summary>
    private static void ClearSides<T>(ref T columnsRow, int iFirst, int iEnd, int wo, int jFirst, int jEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (jFirst == 0 && jEnd == wo)
            return;
        for (int i = iFirst; i < iEnd; i++)
        {
            ref T outputRow = ref Unsafe.Add(ref columnsRow, i * wo);
            for (int j = 0; j < jFirst; j++)
                Unsafe.Add(ref outputRow, j) = T.Zero;
            for (int j = jEnd; j < wo; j++)
                Unsafe.Add(ref outputRow, j) = T.Zero;
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
