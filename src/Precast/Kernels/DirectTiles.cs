using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Precast.Kernels.TileSizes;

namespace Precast.Kernels;

/// <summary>
/// The engine of <see cref="DirectConvolution"/> and <see cref="DepthwiseConvolution"/>: convolution
/// loops over one sample and one channel group, vectorized along the output row, without im2col.
/// Unchecked: the callers check their arguments.
/// </summary>
/// <remarks>
/// <para>
/// <b>Staging.</b> A vector of outputs along a row reads, for kernel column v, a run of inputs that
/// may start in the left padding, end in the right padding, or (at a horizontal stride s above 1)
/// skip s − 1 values between reads. So before the tiles run, the input rows they read are copied to
/// a buffer on the stack (<see cref="StageLength"/> values) with the padding written as zeros and,
/// at stride s, split into s phases (phase f holds columns f, f + s, f + 2s, …): kernel column v then
/// reads a contiguous run of one phase, every output column is an interior one, and no edge needs
/// code of its own. The rows are staged for a band of output rows at a time (as many as the buffer
/// holds with the channels staged together), so each input row is copied about once per band; very
/// wide rows are cut into column chunks and many channels into channel chunks (the later chunks add
/// to the outputs).
/// </para>
/// <para>
/// <b>Correlation</b> (<see cref="Correlate{T}"/>): the forward pass, and the data gradient at
/// horizontal stride 1, which is a correlation of dy with the weight turned round (output channel and
/// input channel swapped, taps mirrored). A tile of up to 6 output channels × 2 vectors of one output
/// row sums its taps (input channels × kernel rows × kernel columns) in 12 registers, as
/// <see cref="BroadcastTiles"/> does: per tap two vector loads of staged input and one broadcast
/// weight per channel. With a single output channel (a depthwise layer) the tile is 1 channel × up
/// to 4 vectors instead. A row's last columns that do not fill a vector are computed by the vector
/// ending at the row's end, storing only its new lanes; a row narrower than a vector is computed in
/// a scratch vector. The data gradient at a horizontal stride s above 1 splits the target columns
/// into s phases, each a stride-1 correlation with the kernel columns that reach it
/// (<see cref="StridedAdjoint{T}"/>).
/// </para>
/// <para>
/// <b>Weight gradient</b> (<see cref="WeightGradient{T}"/>): <c>dW[o, c, u, v] += Σ_{i, j} dy[o, i, j]·x[c, ·, ·]</c>
/// is a dot product along each output row; a tile of up to 3 output channels × 4 kernel columns keeps
/// 12 vector sums over all the rows of the sample and reduces them once, like
/// <see cref="DotProductTiles"/>. A row's last columns that do not fill a vector are summed by the
/// vector ending at the row's end with the lanes already summed masked off; rows narrower than a
/// vector are staged zero-padded to a vector. Each sample's sums are reduced and added on their own,
/// so the rounding error grows with the rows and columns of one sample, not of the batch.
/// </para>
/// </remarks>
internal static class DirectTiles
{
    /// <summary>Values of the stack buffer the input rows are staged in: 16 KB in float, 32 KB in double.</summary>
    public const int StageLength = 4096;

    private const int ChannelsPerTile = 6;
    private const int GradientChannelsPerTile = 3;
    private const int TapsPerTile = 4;

    /// <summary>
    /// One pass of a correlation: the source planes (InRows × InCols) are read, the target planes
    /// (OutRows × OutCols) written. Forward, source is x and target y; for the data gradient
    /// (<see cref="Adjoint"/>), source is dy and target dx, with the convolution's own strides, padding
    /// and dilation.
    /// </summary>
    internal readonly record struct Pass(
        int InRows, int InCols, int OutRows, int OutCols, int KernelRows, int KernelCols,
        int RowStride, int ColStride, int RowPad, int ColPad, int RowDilation, int ColDilation, bool Adjoint)
    {
        /// <summary>The forward pass of <paramref name="g"/>: x to y.</summary>
        public static Pass Forward(in Conv2DGeometry g) => new(
            g.InHeight, g.InWidth, g.OutHeight, g.OutWidth, g.KernelHeight, g.KernelWidth,
            g.StrideHeight, g.StrideWidth, g.PadTop, g.PadLeft, g.DilationHeight, g.DilationWidth, false);

        /// <summary>The data gradient of <paramref name="g"/>: dy to dx.</summary>
        public static Pass Backward(in Conv2DGeometry g) => new(
            g.OutHeight, g.OutWidth, g.InHeight, g.InWidth, g.KernelHeight, g.KernelWidth,
            g.StrideHeight, g.StrideWidth, g.PadTop, g.PadLeft, g.DilationHeight, g.DilationWidth, true);

        /// <summary>The kernel rows of target row <paramref name="row"/> and the source rows they read.</summary>
        public TapRun Rows(int row) => TapRun.Create(row, RowStride, RowPad, RowDilation, KernelRows, InRows, Adjoint);

        /// <summary>The kernel columns of target column <paramref name="column"/> and the source columns they read.</summary>
        public TapRun Columns(int column) => TapRun.Create(column, ColStride, ColPad, ColDilation, KernelCols, InCols, Adjoint);

        /// <summary>
        /// Whether the staged loops apply: the adjoint only at column stride 1 (otherwise a target
        /// column receives from a kernel column only when a division is exact).
        /// </summary>
        public bool Stageable => !Adjoint || ColStride == 1;

        /// <summary>
        /// The staged distance of kernel column v from the target column, in source columns of the
        /// padded row: <c>v·dilation</c> forward, <c>(Kw − 1 − v)·dilation</c> in the adjoint (whose taps
        /// run backwards).
        /// </summary>
        public int TapDistance(int v) => (Adjoint ? KernelCols - 1 - v : v) * ColDilation;

        /// <summary>Padding of the staged row before source column 0: the left padding forward, <c>(Kw − 1)·dilation − pad</c> in the adjoint.</summary>
        public int StagePad => Adjoint ? (KernelCols - 1) * ColDilation - ColPad : ColPad;
    }

    /// <summary>
    /// <c>target[o, r, j] (+)= init[o] + Σ_c Σ_(u, v) weight[o·wOut + c·wIn + u·Kw + v] · source[c, ·, ·]</c>
    /// for one sample and group: <paramref name="outChannels"/> target planes from
    /// <paramref name="inChannels"/> source planes, each target value summing the taps the pass maps to it.
    /// </summary>
    /// <param name="source">The group's source planes, inChannels × InRows × InCols values.</param>
    /// <param name="inChannels">Source planes.</param>
    /// <param name="target">The group's target planes, outChannels × OutRows × OutCols values.</param>
    /// <param name="outChannels">Target planes.</param>
    /// <param name="weight">The group's weight, indexed <c>o·wOut + c·wIn + u·Kw + v</c>.</param>
    /// <param name="wOut">Weight stride between target channels.</param>
    /// <param name="wIn">Weight stride between source channels.</param>
    /// <param name="init">One starting value per target channel (the bias), or empty for zeros.</param>
    /// <param name="pass">The mapping between target and source positions.</param>
    /// <param name="add">Add to what the target holds instead of overwriting it.</param>
    /// <param name="stage">The staging buffer, <see cref="StageLength"/> values.</param>
    public static void Correlate<T>(
        ReadOnlySpan<T> source, int inChannels, Span<T> target, int outChannels,
        ReadOnlySpan<T> weight, int wOut, int wIn, ReadOnlySpan<T> init, in Pass pass, bool add, Span<T> stage)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int s = pass.Adjoint ? 1 : pass.ColStride;
        int reach = pass.TapDistance(pass.Adjoint ? 0 : pass.KernelCols - 1) / s;
        // The source rows one target row reads span this many rows (with the dilation's gaps).
        long rowsPerTarget = (long)(pass.KernelRows - 1) * pass.RowDilation / (pass.Adjoint ? pass.RowStride : 1) + 1;
        // Column chunks as wide as the staging buffer allows for one channel's rows, and at least a vector.
        long chunkWidth = Math.Min(pass.OutCols, Capacity / (rowsPerTarget * s) - reach);
        if (!pass.Stageable && StridedAdjoint(source, inChannels, target, outChannels, weight, wOut, wIn, init, pass, add, stage))
            return;
        if (!pass.Stageable || pass.KernelCols > Capacity || chunkWidth < Math.Min(pass.OutCols, VectorMath.IsAccelerated<T>() ? Vector<T>.Count : 1))
        {
            PointByPoint(source, inChannels, target, outChannels, weight, wOut, wIn, init, pass, add);
            return;
        }

        Span<int> offsets = stackalloc int[pass.KernelCols];
        int inPlane = pass.InRows * pass.InCols, outPlane = pass.OutRows * pass.OutCols;
        for (int j0 = 0; j0 < pass.OutCols; j0 += (int)chunkWidth)
        {
            int width = Math.Min((int)chunkWidth, pass.OutCols - j0);
            int length = width + reach; // values per phase of a staged row
            int rowStage = s * length;
            int channelChunk = (int)Math.Max(1, Math.Min(inChannels, Capacity / (rowsPerTarget * rowStage)));
            for (int v = 0; v < pass.KernelCols; v++)
            {
                int distance = pass.TapDistance(v);
                offsets[v] = distance % s * length + distance / s;
            }
            for (int c0 = 0; c0 < inChannels; c0 += channelChunk)
            {
                int channels = Math.Min(channelChunk, inChannels - c0);
                bool first = c0 == 0;
                // Bands of target rows whose source rows, staged once, fit the buffer together.
                for (int r0 = 0, r1; r0 < pass.OutRows; r0 = r1)
                {
                    (int low, int high, r1) = Band(pass, r0, (long)channels * rowStage);
                    int channelStage = StageBand(source[(c0 * inPlane)..], channels, inPlane, pass.InCols, low, high, stage, j0 * s - pass.StagePad, s, length);
                    var shape = new StageShape(channels, channelStage, rowStage, low, ColumnTaps.All(pass.KernelCols));
                    for (int r = r0; r < r1; r++)
                    {
                        Row(stage, shape, pass.Rows(r), offsets, weight[(c0 * wIn)..], wOut, wIn,
                            target[(r * pass.OutCols + j0)..], outChannels, outPlane, first ? init : default, add || !first, width);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Values of the staging buffer the staged rows may fill: a vector's reads past the last staged
    /// row (for rows narrower than a vector, whose extra lanes are discarded) stay inside it.
    /// </summary>
    private const int Capacity = StageLength - 64;

    /// <summary>
    /// How the staged rows lie: channel c's copy of source row ρ starts at
    /// <c>c·ChannelStage + (ρ − FirstRow)·RowStage</c>, and kernel column v of target column j reads
    /// <c>offsets[v] + j</c> from there.
    /// </summary>
    private readonly record struct StageShape(int Channels, int ChannelStage, int RowStage, int FirstRow, ColumnTaps Taps);

    /// <summary>
    /// The kernel columns a target column sums: <c>Count</c> of them, <c>First + m·Step</c> for
    /// <c>m &lt; Count</c>, in weight rows of <c>KernelWidth</c> values. All of them (0, 1, …, Kw − 1)
    /// except in a phase of a strided data gradient.
    /// </summary>
    private readonly record struct ColumnTaps(int Count, int First, int Step, int KernelWidth)
    {
        /// <summary>Every kernel column.</summary>
        public static ColumnTaps All(int kernelWidth) => new(kernelWidth, 0, 1, kernelWidth);
    }

    /// <summary>Target columns per chunk of a phase of <see cref="StridedAdjoint{T}"/>: its results wait in a stack buffer of 6 channels' rows.</summary>
    private const int PhaseChunk = 256;

    /// <summary>
    /// The data gradient at horizontal stride <c>sw</c> above 1, vectorized: the target (dx) columns
    /// split into <c>sw</c> phases, phase f holding the columns <c>i = q·sw + f − PadLeft</c>. Target
    /// column i receives from kernel column v only when <c>v·dw ≡ f (mod sw)</c>, and then from source
    /// (dy) column <c>q − (v·dw − f) / sw</c>: within a phase, a stride-1 correlation over q with that
    /// subset of the kernel columns. Each phase runs the staged tiles into a buffer on the stack, whose
    /// values are then written (or added) to every sw-th column of dx. Returns false, leaving the work
    /// to <see cref="PointByPoint{T}"/>, when the staged rows cannot fit.
    /// </summary>
    private static bool StridedAdjoint<T>(
        ReadOnlySpan<T> source, int inChannels, Span<T> target, int outChannels,
        ReadOnlySpan<T> weight, int wOut, int wIn, ReadOnlySpan<T> init, in Pass pass, bool add, Span<T> stage)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int sw = pass.ColStride, dw = pass.ColDilation, kw = pass.KernelCols;
        long rowsPerTarget = (long)(pass.KernelRows - 1) * pass.RowDilation / pass.RowStride + 1;
        long widest = (long)(kw - 1) * dw / sw + 1 + Math.Min(PhaseChunk, pass.OutCols);
        if (kw > Capacity || rowsPerTarget * widest > Capacity)
            return false;
        int tapStep = sw / GreatestCommonDivisor(dw, sw);
        Span<int> offsets = stackalloc int[kw];
        Span<T> results = stackalloc T[ChannelsPerTile * PhaseChunk];
        int inPlane = pass.InRows * pass.InCols, outPlane = pass.OutRows * pass.OutCols;
        for (int f = 0; f < sw; f++)
        {
            // The phase's kernel columns first, first + tapStep, …: those with v·dw − f a multiple of sw.
            int first = 0;
            while (first < Math.Min(kw, tapStep) && (first * dw - f) % sw != 0)
                first++;
            int count = first < Math.Min(kw, tapStep) ? (kw - 1 - first) / tapStep + 1 : 0;
            var taps = new ColumnTaps(count, first, tapStep, kw);
            int pad = count == 0 ? 0 : ((first + (count - 1) * tapStep) * dw - f) / sw; // the largest source shift
            for (int m = 0; m < count; m++)
                offsets[m] = pad - ((first + m * tapStep) * dw - f) / sw;
            (int qFirst, int qEnd) = ColumnUnfold.Inside(f - pass.ColPad, sw, pass.OutCols, pass.OutCols + pass.ColPad + 1);
            for (int i0 = qFirst; i0 < qEnd; i0 += PhaseChunk)
            {
                int width = Math.Min(PhaseChunk, qEnd - i0);
                int rowStage = width + pad;
                int channelChunk = (int)Math.Max(1, Math.Min(inChannels, Capacity / (rowsPerTarget * rowStage)));
                for (int c0 = 0; c0 < inChannels; c0 += channelChunk)
                {
                    int channels = Math.Min(channelChunk, inChannels - c0);
                    bool firstChunk = c0 == 0;
                    for (int r0 = 0, r1; r0 < pass.OutRows; r0 = r1)
                    {
                        (int low, int high, r1) = Band(pass, r0, (long)channels * rowStage);
                        int channelStage = StageBand(source[(c0 * inPlane)..], channels, inPlane, pass.InCols, low, high, stage, i0 - pad, 1, rowStage);
                        var shape = new StageShape(channels, channelStage, rowStage, low, taps);
                        for (int r = r0; r < r1; r++)
                        {
                            TapRun rows = pass.Rows(r);
                            for (int o = 0; o < outChannels; o += ChannelsPerTile)
                            {
                                int tile = Math.Min(ChannelsPerTile, outChannels - o);
                                Row(stage, shape, rows, offsets, weight[(c0 * wIn + o * wOut)..], wOut, wIn, results, tile, PhaseChunk,
                                    firstChunk && !init.IsEmpty ? init.Slice(o, tile) : default, false, width);
                                for (int k = 0; k < tile; k++)
                                {
                                    int targetRow = (o + k) * outPlane + r * pass.OutCols + f - pass.ColPad;
                                    for (int i = 0; i < width; i++)
                                        Put(target, targetRow + (i0 + i) * sw, results[k * PhaseChunk + i], add || !firstChunk);
                                }
                            }
                        }
                    }
                }
            }
        }
        return true;
    }

    /// <summary>
    /// The band of target rows from <paramref name="r0"/> whose source rows, <paramref name="valuesPerRow"/>
    /// staged values each, fit the buffer together (at least one target row): the source rows
    /// <c>[Low, High]</c> (empty when High &lt; Low) and the end of the band.
    /// </summary>
    private static (int Low, int High, int End) Band(in Pass pass, int r0, long valuesPerRow)
    {
        (int low, int high) = (int.MaxValue, -1);
        int r1 = r0;
        for (; r1 < pass.OutRows; r1++)
        {
            TapRun run = pass.Rows(r1);
            if (run.Count == 0)
                continue;
            int last = run.Source + (run.Count - 1) * run.SourceStep;
            int newLow = Math.Min(low, Math.Min(run.Source, last)), newHigh = Math.Max(high, Math.Max(run.Source, last));
            if (high >= low && (newHigh - newLow + 1) * valuesPerRow > Capacity)
                break;
            (low, high) = (newLow, newHigh);
        }
        return (low, high, r1);
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    /// <summary>
    /// Stages source rows <c>[low, high]</c> of <paramref name="channels"/> planes (see <see cref="StageRow{T}"/>),
    /// channel after channel; returns the distance between the channels' staged rows.
    /// </summary>
    private static int StageBand<T>(
        ReadOnlySpan<T> source, int channels, int inPlane, int inCols, int low, int high, Span<T> stage, int start, int s, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rowStage = s * length;
        int channelStage = Math.Max(0, high - low + 1) * rowStage;
        for (int c = 0; c < channels; c++)
        {
            for (int row = low; row <= high; row++)
                StageRow(source.Slice(c * inPlane + row * inCols, inCols), stage.Slice(c * channelStage + (row - low) * rowStage, rowStage), start, s, length);
        }
        return channelStage;
    }

    /// <summary>
    /// <c>stage[f·length + t] = source[start + t·s + f]</c> for each phase f &lt; s and t &lt; length, or 0 where
    /// that column is outside the row (the padding).
    /// </summary>
    private static void StageRow<T>(ReadOnlySpan<T> source, Span<T> stage, int start, int s, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int f = 0; f < s; f++)
        {
            Span<T> phase = stage.Slice(f * length, length);
            (int first, int end) = ColumnUnfold.Inside(start + f, s, source.Length, length);
            phase[..first].Clear();
            phase[end..].Clear();
            if (s == 1)
            {
                source.Slice(start + first, end - first).CopyTo(phase[first..end]);
                continue;
            }
            for (int t = first; t < end; t++)
                phase[t] = source[start + f + t * s];
        }
    }

    /// <summary>One target row chunk of <paramref name="width"/> columns for every target channel, from the staged rows.</summary>
    private static void Row<T>(
        Span<T> stage, in StageShape shape, TapRun rows, ReadOnlySpan<int> offsets, ReadOnlySpan<T> weight, int wOut, int wIn,
        Span<T> target, int outChannels, int outPlane, ReadOnlySpan<T> init, bool add, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!VectorMath.IsAccelerated<T>())
        {
            ScalarRow(stage, shape, rows, offsets, weight, wOut, wIn, target, outChannels, outPlane, init, add, width);
            return;
        }
        int w = Vector<T>.Count;
        // The first kernel row's staged row; the others are SourceStep rows apart.
        ref T stageRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(stage), rows.Count == 0 ? 0 : (rows.Source - shape.FirstRow) * shape.RowStage);
        ref int offsetsRef = ref MemoryMarshal.GetReference(offsets);
        var arguments = new TileArguments(
            shape.ChannelStage, (nint)rows.SourceStep * shape.RowStage, shape.Channels, rows, shape.Taps, wOut, wIn, outPlane, add);
        if (width < w)
        {
            NarrowRow(ref stageRef, ref offsetsRef, weight, target, outChannels, init, arguments, width);
            return;
        }
        Vector<T> all = Vector<T>.AllBitsSet;
        // The last vector of the row stores only the lanes from `stored` on.
        int tail = width % w;
        Vector<T> mask = Vector.GreaterThanOrEqual(Vector<T>.Indices, Vector.Create(T.CreateTruncating(w - tail)));
        for (int o = 0; o < outChannels; o += ChannelsPerTile)
        {
            int tile = Math.Min(ChannelsPerTile, outChannels - o);
            ref T weightRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(weight), o * wOut);
            ref T targetRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(target), o * outPlane);
            ReadOnlySpan<T> tileInit = init.IsEmpty ? default : init.Slice(o, tile);
            int j = 0;
            if (tile == 1)
            {
                // One target channel (a depthwise layer): up to 4 vectors of the row share each weight.
                for (; j <= width - 4 * w; j += 4 * w)
                    SingleTile<T, Four>(ref Unsafe.Add(ref stageRef, j), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, j), tileInit, arguments, all);
                switch ((width - j) / w)
                {
                    case 3: SingleTile<T, Three>(ref Unsafe.Add(ref stageRef, j), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, j), tileInit, arguments, all); break;
                    case 2: SingleTile<T, Two>(ref Unsafe.Add(ref stageRef, j), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, j), tileInit, arguments, all); break;
                    case 1: SingleTile<T, One>(ref Unsafe.Add(ref stageRef, j), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, j), tileInit, arguments, all); break;
                }
                if (tail != 0)
                    SingleTile<T, One>(ref Unsafe.Add(ref stageRef, width - w), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, width - w), tileInit, arguments, mask);
                continue;
            }
            for (; j <= width - 2 * w; j += 2 * w)
                ChannelTile<T, Two>(tile, ref Unsafe.Add(ref stageRef, j), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, j), tileInit, arguments, all);
            if (j <= width - w)
                ChannelTile<T, One>(tile, ref Unsafe.Add(ref stageRef, j), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, j), tileInit, arguments, all);
            if (tail != 0)
                ChannelTile<T, One>(tile, ref Unsafe.Add(ref stageRef, width - w), ref offsetsRef, ref weightRef, ref Unsafe.Add(ref targetRef, width - w), tileInit, arguments, mask);
        }
    }

    /// <summary>
    /// A row narrower than a vector: each tile is computed into a vector-wide scratch on the stack
    /// (the staged rows can be read a vector past their end, see <see cref="Capacity"/>) and its first
    /// <paramref name="width"/> lanes are written or added.
    /// </summary>
    private static void NarrowRow<T>(
        ref T stage, ref int offsets, ReadOnlySpan<T> weight, Span<T> target, int outChannels, ReadOnlySpan<T> init, in TileArguments a, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        Span<T> scratch = stackalloc T[ChannelsPerTile * w];
        TileArguments intoScratch = a with { OutPlane = w, Add = false };
        for (int o = 0; o < outChannels; o += ChannelsPerTile)
        {
            int tile = Math.Min(ChannelsPerTile, outChannels - o);
            ChannelTile<T, One>(tile, ref stage, ref offsets, ref Unsafe.Add(ref MemoryMarshal.GetReference(weight), o * a.WOut),
                ref MemoryMarshal.GetReference(scratch), init.IsEmpty ? default : init.Slice(o, tile), intoScratch, Vector<T>.AllBitsSet);
            for (int k = 0; k < tile; k++)
            {
                for (int j = 0; j < width; j++)
                    Put(target, (o + k) * (int)a.OutPlane + j, scratch[k * w + j], a.Add);
            }
        }
    }

    /// <summary>
    /// The parts of a tile's arguments that are the same for every tile of a row: the staged
    /// channels' distance, the distance between the staged rows of consecutive kernel rows, the kernel
    /// rows, the weight strides, the distance between target planes, and whether to add.
    /// </summary>
    private readonly record struct TileArguments(
        nint ChannelStage, nint TapRowStep, int Channels, TapRun Rows, ColumnTaps Columns, nint WOut, nint WIn, nint OutPlane, bool Add);

    private static void ChannelTile<T, TVectors>(
        int tile, ref T stage, ref int offsets, ref T weight, ref T target, ReadOnlySpan<T> init, in TileArguments a, Vector<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        switch (tile)
        {
            case 6: Tile<T, Six, TVectors>(ref stage, ref offsets, ref weight, ref target, init, a, mask); break;
            case 5: Tile<T, Five, TVectors>(ref stage, ref offsets, ref weight, ref target, init, a, mask); break;
            case 4: Tile<T, Four, TVectors>(ref stage, ref offsets, ref weight, ref target, init, a, mask); break;
            case 3: Tile<T, Three, TVectors>(ref stage, ref offsets, ref weight, ref target, init, a, mask); break;
            case 2: Tile<T, Two, TVectors>(ref stage, ref offsets, ref weight, ref target, init, a, mask); break;
            default: Tile<T, One, TVectors>(ref stage, ref offsets, ref weight, ref target, init, a, mask); break;
        }
    }

    /// <summary>
    /// TChannels target channels × TVectors vectors of one row: accumulator <c>cKV</c> holds channel K,
    /// vector V, summed over the staged channels, kernel rows and kernel columns, then stored (lanes
    /// outside <paramref name="mask"/> keep their value; the mask applies to the first vector, which is
    /// the only one when it is not all set).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TChannels, TVectors>(
        ref T stage, ref int offsets, ref T weight, ref T target, ReadOnlySpan<T> init, in TileArguments a, Vector<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TChannels : struct, ITileSize
        where TVectors : struct, ITileSize
    {
        Vector<T> c00 = default, c10 = default, c20 = default, c30 = default, c40 = default, c50 = default;
        Vector<T> c01 = default, c11 = default, c21 = default, c31 = default, c41 = default, c51 = default;
        nint w = Vector<T>.Count;
        nint wOut = a.WOut, wIn = a.WIn, channelStage = a.ChannelStage, rowStep = a.TapRowStep;
        int kernelCols = a.Columns.Count, kernelWidth = a.Columns.KernelWidth, columnTap = a.Columns.First, columnStep = a.Columns.Step;
        int channels = a.Channels, rowCount = a.Rows.Count, tap0 = a.Rows.Tap, tapStep = a.Rows.TapStep;
        for (int c = 0; c < channels; c++)
        {
            for (int t = 0; t < rowCount; t++)
            {
                ref T stageRow = ref Unsafe.Add(ref stage, c * channelStage + t * rowStep);
                ref T weightRow = ref Unsafe.Add(ref weight, c * wIn + (tap0 + t * tapStep) * kernelWidth + columnTap);
                for (int v = 0; v < kernelCols; v++)
                {
                    nint offset = Unsafe.Add(ref offsets, v);
                    Vector<T> x0 = Vector.LoadUnsafe(ref stageRow, (nuint)offset);
                    Vector<T> x1 = TVectors.Value > 1 ? Vector.LoadUnsafe(ref stageRow, (nuint)(offset + w)) : default;
                    ref T tap = ref Unsafe.Add(ref weightRow, v * columnStep);

                    Vector<T> wv = Vector.Create(tap);
                    c00 = VectorMath.MultiplyAdd(wv, x0, c00);
                    if (TVectors.Value > 1) c01 = VectorMath.MultiplyAdd(wv, x1, c01);
                    if (TChannels.Value > 1)
                    {
                        wv = Vector.Create(Unsafe.Add(ref tap, wOut));
                        c10 = VectorMath.MultiplyAdd(wv, x0, c10);
                        if (TVectors.Value > 1) c11 = VectorMath.MultiplyAdd(wv, x1, c11);
                    }
                    if (TChannels.Value > 2)
                    {
                        wv = Vector.Create(Unsafe.Add(ref tap, 2 * wOut));
                        c20 = VectorMath.MultiplyAdd(wv, x0, c20);
                        if (TVectors.Value > 1) c21 = VectorMath.MultiplyAdd(wv, x1, c21);
                    }
                    if (TChannels.Value > 3)
                    {
                        wv = Vector.Create(Unsafe.Add(ref tap, 3 * wOut));
                        c30 = VectorMath.MultiplyAdd(wv, x0, c30);
                        if (TVectors.Value > 1) c31 = VectorMath.MultiplyAdd(wv, x1, c31);
                    }
                    if (TChannels.Value > 4)
                    {
                        wv = Vector.Create(Unsafe.Add(ref tap, 4 * wOut));
                        c40 = VectorMath.MultiplyAdd(wv, x0, c40);
                        if (TVectors.Value > 1) c41 = VectorMath.MultiplyAdd(wv, x1, c41);
                    }
                    if (TChannels.Value > 5)
                    {
                        wv = Vector.Create(Unsafe.Add(ref tap, 5 * wOut));
                        c50 = VectorMath.MultiplyAdd(wv, x0, c50);
                        if (TVectors.Value > 1) c51 = VectorMath.MultiplyAdd(wv, x1, c51);
                    }
                }
            }
        }

        nint plane = a.OutPlane;
        StoreChannel<T, TVectors>(ref target, c00, c01, init, 0, a.Add, mask);
        if (TChannels.Value > 1) StoreChannel<T, TVectors>(ref Unsafe.Add(ref target, plane), c10, c11, init, 1, a.Add, mask);
        if (TChannels.Value > 2) StoreChannel<T, TVectors>(ref Unsafe.Add(ref target, 2 * plane), c20, c21, init, 2, a.Add, mask);
        if (TChannels.Value > 3) StoreChannel<T, TVectors>(ref Unsafe.Add(ref target, 3 * plane), c30, c31, init, 3, a.Add, mask);
        if (TChannels.Value > 4) StoreChannel<T, TVectors>(ref Unsafe.Add(ref target, 4 * plane), c40, c41, init, 4, a.Add, mask);
        if (TChannels.Value > 5) StoreChannel<T, TVectors>(ref Unsafe.Add(ref target, 5 * plane), c50, c51, init, 5, a.Add, mask);
    }

    /// <summary>
    /// One target channel × TVectors (1 to 4) vectors of one row, as <see cref="Tile{T, TChannels, TVectors}"/>:
    /// each broadcast weight serves up to 4 vectors, where a channel tile's 12 accumulators would
    /// hold one channel's 2. The mask applies to the first vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SingleTile<T, TVectors>(
        ref T stage, ref int offsets, ref T weight, ref T target, ReadOnlySpan<T> init, in TileArguments a, Vector<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        Vector<T> c0 = default, c1 = default, c2 = default, c3 = default;
        nint w = Vector<T>.Count;
        nint wIn = a.WIn, channelStage = a.ChannelStage, rowStep = a.TapRowStep;
        int kernelCols = a.Columns.Count, kernelWidth = a.Columns.KernelWidth, columnTap = a.Columns.First, columnStep = a.Columns.Step;
        int channels = a.Channels, rowCount = a.Rows.Count, tap0 = a.Rows.Tap, tapStep = a.Rows.TapStep;
        for (int c = 0; c < channels; c++)
        {
            for (int t = 0; t < rowCount; t++)
            {
                ref T stageRow = ref Unsafe.Add(ref stage, c * channelStage + t * rowStep);
                ref T weightRow = ref Unsafe.Add(ref weight, c * wIn + (tap0 + t * tapStep) * kernelWidth + columnTap);
                for (int v = 0; v < kernelCols; v++)
                {
                    ref T x = ref Unsafe.Add(ref stageRow, Unsafe.Add(ref offsets, v));
                    Vector<T> wv = Vector.Create(Unsafe.Add(ref weightRow, v * columnStep));
                    c0 = VectorMath.MultiplyAdd(wv, Vector.LoadUnsafe(ref x), c0);
                    if (TVectors.Value > 1) c1 = VectorMath.MultiplyAdd(wv, Vector.LoadUnsafe(ref x, (nuint)w), c1);
                    if (TVectors.Value > 2) c2 = VectorMath.MultiplyAdd(wv, Vector.LoadUnsafe(ref x, (nuint)(2 * w)), c2);
                    if (TVectors.Value > 3) c3 = VectorMath.MultiplyAdd(wv, Vector.LoadUnsafe(ref x, (nuint)(3 * w)), c3);
                }
            }
        }
        Vector<T> start = init.IsEmpty ? Vector<T>.Zero : Vector.Create(init[0]);
        Vector<T> all = Vector<T>.AllBitsSet;
        Store(ref target, c0 + start, a.Add, mask);
        if (TVectors.Value > 1) Store(ref Unsafe.Add(ref target, w), c1 + start, a.Add, all);
        if (TVectors.Value > 2) Store(ref Unsafe.Add(ref target, 2 * w), c2 + start, a.Add, all);
        if (TVectors.Value > 3) Store(ref Unsafe.Add(ref target, 3 * w), c3 + start, a.Add, all);
    }

    /// <summary>Writes (or adds) one channel's vectors, plus its starting value; lanes outside <paramref name="mask"/> are kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreChannel<T, TVectors>(ref T target, Vector<T> first, Vector<T> second, ReadOnlySpan<T> init, int channel, bool add, Vector<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        if (!init.IsEmpty)
        {
            Vector<T> start = Vector.Create(init[channel]);
            first += start;
            second += start;
        }
        Store(ref target, first, add, mask);
        if (TVectors.Value > 1)
            Store(ref Unsafe.Add(ref target, Vector<T>.Count), second, add, Vector<T>.AllBitsSet);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T target, Vector<T> value, bool add, Vector<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> old = Vector.LoadUnsafe(ref target);
        Vector<T> result = add ? old + value : value;
        Vector.ConditionalSelect(mask, result, old).StoreUnsafe(ref target);
    }

    /// <summary><see cref="Row{T}"/> without vectors: for hardware without SIMD and other element types.</summary>
    private static void ScalarRow<T>(
        Span<T> stage, in StageShape shape, TapRun rows, ReadOnlySpan<int> offsets, ReadOnlySpan<T> weight, int wOut, int wIn,
        Span<T> target, int outChannels, int outPlane, ReadOnlySpan<T> init, bool add, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outChannels; o++)
        {
            for (int j = 0; j < width; j++)
            {
                T sum = T.Zero;
                for (int c = 0; c < shape.Channels; c++)
                {
                    for (int t = 0; t < rows.Count; t++)
                    {
                        int stageRow = c * shape.ChannelStage + (rows.Source + t * rows.SourceStep - shape.FirstRow) * shape.RowStage + j;
                        int weightRow = o * wOut + c * wIn + (rows.Tap + t * rows.TapStep) * shape.Taps.KernelWidth + shape.Taps.First;
                        for (int m = 0; m < shape.Taps.Count; m++)
                            sum += weight[weightRow + m * shape.Taps.Step] * stage[stageRow + offsets[m]];
                    }
                }
                Put(target, o * outPlane + j, init.IsEmpty ? sum : init[o] + sum, add);
            }
        }
    }

    /// <summary>The correlation one value at a time, for what the staged loops do not cover (see <see cref="Pass.Stageable"/>).</summary>
    private static void PointByPoint<T>(
        ReadOnlySpan<T> source, int inChannels, Span<T> target, int outChannels,
        ReadOnlySpan<T> weight, int wOut, int wIn, ReadOnlySpan<T> init, in Pass pass, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inPlane = pass.InRows * pass.InCols, outPlane = pass.OutRows * pass.OutCols;
        for (int r = 0; r < pass.OutRows; r++)
        {
            TapRun rows = pass.Rows(r);
            for (int j = 0; j < pass.OutCols; j++)
            {
                TapRun cols = pass.Columns(j);
                for (int o = 0; o < outChannels; o++)
                {
                    T sum = T.Zero;
                    for (int c = 0; c < inChannels; c++)
                    {
                        for (int t = 0; t < rows.Count; t++)
                        {
                            int sourceRow = c * inPlane + (rows.Source + t * rows.SourceStep) * pass.InCols;
                            int weightRow = o * wOut + c * wIn + (rows.Tap + t * rows.TapStep) * pass.KernelCols;
                            for (int q = 0; q < cols.Count; q++)
                                sum += weight[weightRow + cols.Tap + q * cols.TapStep] * source[sourceRow + cols.Source + q * cols.SourceStep];
                        }
                    }
                    Put(target, o * outPlane + r * pass.OutCols + j, init.IsEmpty ? sum : init[o] + sum, add);
                }
            }
        }
    }

    private static void Put<T>(Span<T> target, int index, T value, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        => target[index] = add ? target[index] + value : value;

    /// <summary>
    /// <c>dWeight[o·wOut + c·wIn + u·Kw + v] += Σ_(r, j) dy[o, r, j] · x[c, r·sh − PadTop + u·dh, j·sw − PadLeft + v·dw]</c>
    /// for one sample and group (x zero outside its planes).
    /// </summary>
    /// <param name="x">The group's input planes, inChannels × InRows × InCols values.</param>
    /// <param name="inChannels">Input planes.</param>
    /// <param name="dy">The group's output-gradient planes, outChannels × OutRows × OutCols values.</param>
    /// <param name="outChannels">Output planes.</param>
    /// <param name="dWeight">The group's weight gradient, indexed <c>o·wOut + c·wIn + u·Kw + v</c>; added to.</param>
    /// <param name="wOut">Weight stride between output channels.</param>
    /// <param name="wIn">Weight stride between input channels.</param>
    /// <param name="pass">The forward pass (not the adjoint).</param>
    /// <param name="stage">The staging buffer, <see cref="StageLength"/> values.</param>
    public static void WeightGradient<T>(
        ReadOnlySpan<T> x, int inChannels, ReadOnlySpan<T> dy, int outChannels, Span<T> dWeight, int wOut, int wIn, in Pass pass, Span<T> stage)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int s = pass.ColStride;
        int reach = pass.TapDistance(pass.KernelCols - 1) / s;
        // Rows narrower than a vector: dy is staged too, each row zero-padded to a vector, in the end
        // of the buffer, and x's staged rows are as wide (zeros or real inputs times dy's zeros).
        int vector = VectorMath.IsAccelerated<T>() ? Vector<T>.Count : 0;
        bool narrow = pass.OutCols < vector;
        int columns = narrow ? vector : pass.OutCols;
        long dyStage = narrow ? (long)outChannels * pass.OutRows * vector : 0;
        long rowStage = (long)s * (columns + reach);
        int dyPlane = pass.OutRows * pass.OutCols;
        int channelsStaged = vector == 0 ? 0 : StageLength / 2 / (pass.OutRows * vector);
        if (narrow && dyStage > StageLength / 2 && channelsStaged >= 1)
        {
            // Output channels in chunks whose staged dy fits half the buffer.
            for (int o = 0; o < outChannels; o += channelsStaged)
            {
                int count = Math.Min(channelsStaged, outChannels - o);
                WeightGradient(x, inChannels, dy.Slice(o * dyPlane, count * dyPlane), count, dWeight[(o * wOut)..], wOut, wIn, pass, stage);
            }
            return;
        }
        int capacity = (int)(StageLength - Math.Min(dyStage, StageLength));
        if (vector == 0 || dyStage > StageLength / 2 || rowStage > capacity)
        {
            PointByPointGradient(x, inChannels, dy, outChannels, dWeight, wOut, wIn, pass);
            return;
        }
        ReadOnlySpan<T> dyRows = dy;
        if (narrow)
        {
            Span<T> staged = stage.Slice(capacity, (int)dyStage);
            for (int row = 0; row < outChannels * pass.OutRows; row++)
            {
                dy.Slice(row * pass.OutCols, pass.OutCols).CopyTo(staged[(row * vector)..]);
                staged.Slice(row * vector + pass.OutCols, vector - pass.OutCols).Clear();
            }
            dyRows = staged;
        }

        int length = columns + reach;
        int bandRows = (int)Math.Min(pass.InRows, capacity / rowStage);
        int channelChunk = bandRows < pass.InRows ? 1 : (int)Math.Max(1, Math.Min(inChannels, capacity / (rowStage * pass.InRows)));
        Span<int> offsets = stackalloc int[pass.KernelCols];
        for (int v = 0; v < pass.KernelCols; v++)
        {
            int distance = pass.TapDistance(v);
            offsets[v] = distance % s * length + distance / s;
        }
        int inPlane = pass.InRows * pass.InCols, outPlane = pass.OutRows * columns;
        ref T dyRef = ref MemoryMarshal.GetReference(dyRows);
        ref T stageRef = ref MemoryMarshal.GetReference(stage);
        ref T gradientRef = ref MemoryMarshal.GetReference(dWeight);
        for (int c0 = 0; c0 < inChannels; c0 += channelChunk)
        {
            int channels = Math.Min(channelChunk, inChannels - c0);
            for (int b0 = 0; b0 < pass.InRows; b0 += bandRows)
            {
                int band = Math.Min(bandRows, pass.InRows - b0);
                int channelStage = band * (int)rowStage;
                for (int c = 0; c < channels; c++)
                {
                    for (int row = 0; row < band; row++)
                        StageRow(x.Slice((c0 + c) * inPlane + (b0 + row) * pass.InCols, pass.InCols), stage.Slice(c * channelStage + row * (int)rowStage, (int)rowStage), -pass.ColPad, s, length);
                }
                for (int c = 0; c < channels; c++)
                {
                    for (int u = 0; u < pass.KernelRows; u++)
                    {
                        // Output rows r whose input row r·sh − pad + u·dh lies in the band.
                        (int rFirst, int rEnd) = ColumnUnfold.Inside(u * pass.RowDilation - pass.RowPad - b0, pass.RowStride, band, pass.OutRows);
                        if (rEnd <= rFirst)
                            continue;
                        int stagedRow = rFirst * pass.RowStride + u * pass.RowDilation - pass.RowPad - b0;
                        var arguments = new GradientArguments(rEnd - rFirst, (nint)(pass.RowStride * rowStage), columns, outPlane, wOut);
                        ref T xRef = ref Unsafe.Add(ref stageRef, c * channelStage + stagedRow * (int)rowStage);
                        for (int o = 0; o < outChannels; o += GradientChannelsPerTile)
                        {
                            int tile = Math.Min(GradientChannelsPerTile, outChannels - o);
                            ref T dyTile = ref Unsafe.Add(ref dyRef, o * outPlane + rFirst * columns);
                            for (int v = 0; v < pass.KernelCols; v += TapsPerTile)
                            {
                                int taps = Math.Min(TapsPerTile, pass.KernelCols - v);
                                ref T gradient = ref Unsafe.Add(ref gradientRef, o * wOut + (c0 + c) * wIn + u * pass.KernelCols + v);
                                GradientTile(tile, taps, ref dyTile, ref xRef, ref offsets[v], ref gradient, arguments);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The parts of a gradient tile's arguments shared by the tiles of one kernel row.</summary>
    private readonly record struct GradientArguments(int Rows, nint StagedRowStep, int Columns, nint OutPlane, nint WOut);

    private static void GradientTile<T>(int channels, int taps, ref T dy, ref T x, ref int offsets, ref T gradient, in GradientArguments a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (channels)
        {
            case 3: GradientTaps<T, Three>(taps, ref dy, ref x, ref offsets, ref gradient, a); break;
            case 2: GradientTaps<T, Two>(taps, ref dy, ref x, ref offsets, ref gradient, a); break;
            default: GradientTaps<T, One>(taps, ref dy, ref x, ref offsets, ref gradient, a); break;
        }
    }

    private static void GradientTaps<T, TChannels>(int taps, ref T dy, ref T x, ref int offsets, ref T gradient, in GradientArguments a)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TChannels : struct, ITileSize
    {
        switch (taps)
        {
            case 4: GradientKernel<T, TChannels, Four>(ref dy, ref x, ref offsets, ref gradient, a); break;
            case 3: GradientKernel<T, TChannels, Three>(ref dy, ref x, ref offsets, ref gradient, a); break;
            case 2: GradientKernel<T, TChannels, Two>(ref dy, ref x, ref offsets, ref gradient, a); break;
            default: GradientKernel<T, TChannels, One>(ref dy, ref x, ref offsets, ref gradient, a); break;
        }
    }

    /// <summary>
    /// TChannels output channels × TTaps kernel columns of one kernel row: accumulator <c>cKV</c> sums
    /// <c>dy[K, r, j] · staged[r, offset(V) + j]</c> over the rows and columns, and is reduced and
    /// added to the gradient once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradientKernel<T, TChannels, TTaps>(ref T dy, ref T x, ref int offsets, ref T gradient, in GradientArguments a)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TChannels : struct, ITileSize
        where TTaps : struct, ITileSize
    {
        Vector<T> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector<T> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector<T> c20 = default, c21 = default, c22 = default, c23 = default;
        nint w = Vector<T>.Count;
        nint o0 = offsets;
        nint o1 = TTaps.Value > 1 ? Unsafe.Add(ref offsets, 1) : 0;
        nint o2 = TTaps.Value > 2 ? Unsafe.Add(ref offsets, 2) : 0;
        nint o3 = TTaps.Value > 3 ? Unsafe.Add(ref offsets, 3) : 0;
        nint plane = a.OutPlane;
        int columns = a.Columns, rows = a.Rows;
        nint rowStep = a.StagedRowStep;
        nint tail = columns - w;
        Vector<T> tailMask = Vector.GreaterThanOrEqual(Vector<T>.Indices, Vector.Create(T.CreateTruncating(w - columns % w)));
        for (int r = 0; r < rows; r++)
        {
            ref T dyRow = ref Unsafe.Add(ref dy, r * columns);
            ref T xRow = ref Unsafe.Add(ref x, r * rowStep);
            // Whole vectors, then (when the row does not divide into vectors) the vector ending at the
            // row's end with the lanes already summed masked off.
            for (nint start = 0; start < columns; start += w)
            {
                nint j = Math.Min(start, tail);
                Vector<T> lanes = start > tail ? tailMask : Vector<T>.AllBitsSet;
                Vector<T> d0 = Vector.LoadUnsafe(ref dyRow, (nuint)j) & lanes;
                Vector<T> d1 = TChannels.Value > 1 ? Vector.LoadUnsafe(ref dyRow, (nuint)(j + plane)) & lanes : default;
                Vector<T> d2 = TChannels.Value > 2 ? Vector.LoadUnsafe(ref dyRow, (nuint)(j + 2 * plane)) & lanes : default;
                Vector<T> xv = Vector.LoadUnsafe(ref xRow, (nuint)(j + o0));
                c00 = VectorMath.MultiplyAdd(d0, xv, c00);
                if (TChannels.Value > 1) c10 = VectorMath.MultiplyAdd(d1, xv, c10);
                if (TChannels.Value > 2) c20 = VectorMath.MultiplyAdd(d2, xv, c20);
                if (TTaps.Value > 1)
                {
                    xv = Vector.LoadUnsafe(ref xRow, (nuint)(j + o1));
                    c01 = VectorMath.MultiplyAdd(d0, xv, c01);
                    if (TChannels.Value > 1) c11 = VectorMath.MultiplyAdd(d1, xv, c11);
                    if (TChannels.Value > 2) c21 = VectorMath.MultiplyAdd(d2, xv, c21);
                }
                if (TTaps.Value > 2)
                {
                    xv = Vector.LoadUnsafe(ref xRow, (nuint)(j + o2));
                    c02 = VectorMath.MultiplyAdd(d0, xv, c02);
                    if (TChannels.Value > 1) c12 = VectorMath.MultiplyAdd(d1, xv, c12);
                    if (TChannels.Value > 2) c22 = VectorMath.MultiplyAdd(d2, xv, c22);
                }
                if (TTaps.Value > 3)
                {
                    xv = Vector.LoadUnsafe(ref xRow, (nuint)(j + o3));
                    c03 = VectorMath.MultiplyAdd(d0, xv, c03);
                    if (TChannels.Value > 1) c13 = VectorMath.MultiplyAdd(d1, xv, c13);
                    if (TChannels.Value > 2) c23 = VectorMath.MultiplyAdd(d2, xv, c23);
                }
            }
        }

        Finish<T, TTaps>(ref gradient, c00, c01, c02, c03);
        if (TChannels.Value > 1) Finish<T, TTaps>(ref Unsafe.Add(ref gradient, a.WOut), c10, c11, c12, c13);
        if (TChannels.Value > 2) Finish<T, TTaps>(ref Unsafe.Add(ref gradient, 2 * a.WOut), c20, c21, c22, c23);
    }

    /// <summary>Adds the lane sums of a channel's accumulators to its TTaps gradient values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T, TTaps>(ref T gradient, Vector<T> s0, Vector<T> s1, Vector<T> s2, Vector<T> s3)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTaps : struct, ITileSize
    {
        gradient += Vector.Sum(s0);
        if (TTaps.Value > 1) Unsafe.Add(ref gradient, 1) += Vector.Sum(s1);
        if (TTaps.Value > 2) Unsafe.Add(ref gradient, 2) += Vector.Sum(s2);
        if (TTaps.Value > 3) Unsafe.Add(ref gradient, 3) += Vector.Sum(s3);
    }

    /// <summary>The weight gradient one product at a time, for what the vector loops do not cover.</summary>
    private static void PointByPointGradient<T>(
        ReadOnlySpan<T> x, int inChannels, ReadOnlySpan<T> dy, int outChannels, Span<T> dWeight, int wOut, int wIn, in Pass pass)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inPlane = pass.InRows * pass.InCols, outPlane = pass.OutRows * pass.OutCols;
        for (int o = 0; o < outChannels; o++)
        {
            for (int c = 0; c < inChannels; c++)
            {
                for (int u = 0; u < pass.KernelRows; u++)
                {
                    for (int v = 0; v < pass.KernelCols; v++)
                    {
                        (int rFirst, int rEnd) = ColumnUnfold.Inside(u * pass.RowDilation - pass.RowPad, pass.RowStride, pass.InRows, pass.OutRows);
                        (int jFirst, int jEnd) = ColumnUnfold.Inside(v * pass.ColDilation - pass.ColPad, pass.ColStride, pass.InCols, pass.OutCols);
                        T sum = T.Zero;
                        for (int r = rFirst; r < rEnd; r++)
                        {
                            int sourceRow = c * inPlane + (r * pass.RowStride + u * pass.RowDilation - pass.RowPad) * pass.InCols;
                            int dyRow = o * outPlane + r * pass.OutCols;
                            for (int j = jFirst; j < jEnd; j++)
                                sum += dy[dyRow + j] * x[sourceRow + j * pass.ColStride + v * pass.ColDilation - pass.ColPad];
                        }
                        dWeight[o * wOut + c * wIn + u * pass.KernelCols + v] += sum;
                    }
                }
            }
        }
    }
}
