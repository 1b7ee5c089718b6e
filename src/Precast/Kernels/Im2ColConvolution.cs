using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// Convolution as matrix products: the input is unfolded into a columns matrix (im2col) and
/// multiplied by the weight with <see cref="Gemm"/>; any geometry (stride, padding, dilation,
/// groups). Shapes and the formula are those of <see cref="Conv2DGeometry"/>; per group, with
/// <c>K = Cg·KernelHeight·KernelWidth</c>, <c>P = OutHeight·OutWidth</c> and a chunk of <c>G</c>
/// samples side by side in the columns <c>[K, G·P]</c> (sample s in columns <c>s·P .. (s + 1)·P</c>):
/// <list type="bullet">
/// <item>forward: <c>product [Og, G·P] = W_g [Og, K] · columns [K, G·P]</c> (<see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>), each sample's <c>[Og, P]</c> block then copied to y (added to the bias);</item>
/// <item>data gradient: <c>columns = W_gᵀ · dy_g</c> (<see cref="Gemm.MultiplyTransposedA{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>) with the chunk's <c>dy_g</c> gathered into <c>[Og, G·P]</c>, then <c>dx_g += col2im(columns)</c> sample by sample;</item>
/// <item>weight gradient: <c>dW_g += dy_g · columnsᵀ</c> (<see cref="Gemm.MultiplyTransposedB{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>, dot products G·P long), <c>dBias[o] += Σ_n Σ_p dy[n, o, p]</c>.</item>
/// </list>
/// The columns and the product are the caller's scratch buffer of <see cref="ColumnsLength"/> values,
/// reused for every chunk and group, so nothing is allocated. A chunk of one sample (batch 1, maps of
/// 512 positions or more, the forward pass on maps of 128 or more) multiplies straight into y and
/// from dy, with no copies.
/// </summary>
/// <remarks>
/// <para>
/// <b>When it wins.</b> The general algorithm: its products are <see cref="Gemm"/>'s blocked,
/// register-tiled micro-kernels, so it pays off once several filters share each unfolded window
/// (more than 6 output channels per group), for kernels smaller than 5×5, beyond Cg·Kh·Kw = 150, and
/// at strides above 1: all but the layers with few filters and a large kernel. It costs one pass
/// writing the columns (K·P values) per sample and group and, backward, one scatter-add. See the
/// selection rule and the measurements on <see cref="DirectConvolution"/>.
/// </para>
/// <para>
/// <b>Why samples are chunked.</b> One sample's products are only P columns wide (49 on a 7×7 map),
/// and the matrix kernels work in panels of 2 vectors (16 floats with 256-bit vectors): the panels
/// left over at the end of a row waste up to a quarter of the work, and the weight gradient's dot
/// products, P long, pay a lane reduction per output for a few vectors of products. A chunk makes
/// them <c>G·P</c> wide, <c>G = max(1, min(ceil(512 / P), floor(2^18 / (P·(K + Og)))))</c>
/// (<see cref="SamplesPerChunk"/>): about 512 columns, with the chunk's columns and product within
/// 2^18 values (targets of 256 to 2048 columns and bounds of 2^18 and 2^20 measured alike). The
/// batch is shared evenly among the chunks. The forward pass chunks only maps of fewer than
/// <see cref="ForwardChunkPositions"/> positions.
/// </para>
/// <para>
/// Measured against the same calls one sample at a time (batch 1 each, the path every batch took
/// before), interleaved in one process on a loaded 2-core AVX-512 EPYC (256-bit vectors), float,
/// batch 64, median thread CPU time of 15 rounds (2026-12-02): the weight gradient 1.24× faster on
/// ResNet's 3×3 32→32 layer at 14×14 (P = 196, 3 samples per chunk), 1.89× on 64→64 at 7×7 (P = 49,
/// 8 samples), 1.19× and 1.74× on the stride-2 3×3 layers 16→32 and 32→64, 1.06× and 1.48× on the
/// stride-2 1×1 projections, 1.64× on LeNet's 6→16 5×5 layer (P = 100); the forward pass and the data
/// gradient 1.1 to 1.25× on 7×7 maps and unchanged (0.98 to 1.05×) on larger ones. Batch 1 runs the
/// one-sample path, unchanged. Run <c>Im2ColChunkBenchmarks</c> in benchmarks/Precast.Benchmarks to
/// repeat the comparison.
/// </para>
/// </remarks>
public static class Im2ColConvolution
{
    /// <summary>
    /// The length of the scratch buffer every method takes, the same whatever the batch: for a chunk of
    /// <c>G</c> samples (see the remarks) the columns <c>[K, G·P]</c> and a product <c>[Og, G·P]</c>,
    /// <c>G·P·(K + Og)</c> values; when chunks are single samples (<c>G = 1</c>) the columns of one
    /// sample alone, <c>K·P</c>. Here <c>K = (InChannels / Groups)·KernelHeight·KernelWidth</c>,
    /// <c>P = OutHeight·OutWidth</c>, <c>Og = OutChannels / Groups</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is not valid.</exception>
    public static int ColumnsLength(in Conv2DGeometry geometry)
    {
        geometry.Validate("Im2ColConvolution.ColumnsLength");
        return ScratchLength(geometry);
    }

    /// <summary>
    /// The width a chunk's products aim for: <c>G = ceil(ChunkColumns / P)</c> samples, so that a 7×7
    /// map (P = 49) is multiplied 11 samples at a time, 539 columns wide.
    /// </summary>
    internal const int ChunkColumns = 512;

    /// <summary>
    /// The most scratch a chunk of several samples may take, in values (1 MB of floats, a core's L2 on
    /// the machine measured): <c>G ≤ ChunkScratch / (P·(K + Og))</c>. Wider chunks measured no faster.
    /// </summary>
    internal const int ChunkScratch = 1 << 18;

    /// <summary>
    /// The forward pass chunks samples only on maps of fewer positions: from 128 on a sample's product
    /// already fills the matrix kernel's panels (196 columns waste 2%), and the forward pass over a
    /// chunk of 14×14 maps measured 5 to 10% slower than sample by sample (its columns span three
    /// times the memory, read a panel at a time). The gradients chunk every map of fewer than 512.
    /// </summary>
    internal const int ForwardChunkPositions = 128;

    /// <summary>
    /// Samples per chunk: <c>G = max(1, min(ceil(ChunkColumns / P), floor(ChunkScratch / (P·(K + Og)))))</c>.
    /// The generator sizes the models' scratch by the same rule (its <c>ConvGeometry.SamplesPerChunk</c>;
    /// a test checks that the two agree).
    /// </summary>
    internal static int SamplesPerChunk(in Conv2DGeometry g)
    {
        long p = (long)g.OutHeight * g.OutWidth;
        long perSample = p * ((long)g.GroupInChannels * g.KernelHeight * g.KernelWidth + g.GroupOutChannels);
        long samples = Math.Min((ChunkColumns + p - 1) / p, ChunkScratch / perSample);
        return (int)Math.Max(samples, 1);
    }

    /// <summary><see cref="ColumnsLength"/> without the check: <c>K·P</c> when <c>G = 1</c>, else <c>G·P·(K + Og)</c> (at most <see cref="ChunkScratch"/>).</summary>
    internal static int ScratchLength(in Conv2DGeometry g)
    {
        int samples = SamplesPerChunk(g);
        return samples == 1
            ? ColumnUnfold.Length(g)
            : samples * g.OutHeight * g.OutWidth * (g.GroupInChannels * g.KernelHeight * g.KernelWidth + g.GroupOutChannels);
    }

    /// <summary>
    /// <c>y[n, o, i, j] = bias[o] + Σ_{c, u, v} weight[o, c, u, v] · x[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw]</c>.
    /// </summary>
    /// <param name="x">The input, batch × InChannels × InHeight × InWidth values.</param>
    /// <param name="weight">The weight, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values.</param>
    /// <param name="bias">The bias, OutChannels values, or empty for none.</param>
    /// <param name="y">The output, batch × OutChannels × OutHeight × OutWidth values; overwritten.</param>
    /// <param name="columns">Scratch, at least <see cref="ColumnsLength"/> values; its contents are overwritten.</param>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void Forward<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> y, Span<T> columns, in Conv2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Im2ColConvolution.Forward";
        ConvolutionArguments.Forward<T>(x, weight, bias, y, geometry, batch, method);
        ConvolutionArguments.Scratch<T>(columns, ScratchLength(geometry), "Im2ColConvolution.ColumnsLength(geometry)", x, weight, y,
            method, nameof(columns), nameof(x), nameof(weight), nameof(y));
        ForwardCore(x, weight, bias, y, columns, geometry, batch);
    }

    /// <summary>
    /// The input gradient, <c>dx[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw] (+)= Σ dy[n, o, i, j] · weight[o, c, u, v]</c>
    /// summed over every output <c>(o, i, j)</c> of group g and tap <c>(u, v)</c> that reads the value.
    /// </summary>
    /// <param name="dy">The output gradient, batch × OutChannels × OutHeight × OutWidth values.</param>
    /// <param name="weight">The weight, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values.</param>
    /// <param name="dx">Receives the input gradient, batch × InChannels × InHeight × InWidth values.</param>
    /// <param name="columns">Scratch, at least <see cref="ColumnsLength"/> values; its contents are overwritten.</param>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="accumulate">Add to what <paramref name="dx"/> holds (an input read by other layers too) instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void BackwardData<T>(
        ReadOnlySpan<T> dy, ReadOnlySpan<T> weight, Span<T> dx, Span<T> columns, in Conv2DGeometry geometry, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Im2ColConvolution.BackwardData";
        ConvolutionArguments.BackwardData<T>(dy, weight, dx, geometry, batch, method);
        ConvolutionArguments.Scratch<T>(columns, ScratchLength(geometry), "Im2ColConvolution.ColumnsLength(geometry)", dy, weight, dx,
            method, nameof(columns), nameof(dy), nameof(weight), nameof(dx));
        DataGradientCore(dy, weight, dx, columns, geometry, batch, accumulate);
    }

    /// <summary>
    /// The parameter gradients, added to what the buffers hold (as every parameter gradient in Precast):
    /// <c>dWeight[o, c, u, v] += Σ_{n, i, j} dy[n, o, i, j] · x[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw]</c>
    /// and <c>dBias[o] += Σ_{n, i, j} dy[n, o, i, j]</c>.
    /// </summary>
    /// <param name="x">The forward input, batch × InChannels × InHeight × InWidth values.</param>
    /// <param name="dy">The output gradient, batch × OutChannels × OutHeight × OutWidth values.</param>
    /// <param name="dWeight">The weight gradient, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values; added to.</param>
    /// <param name="dBias">The bias gradient, OutChannels values (added to), or empty when the layer has no bias.</param>
    /// <param name="columns">Scratch, at least <see cref="ColumnsLength"/> values; its contents are overwritten.</param>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void BackwardWeights<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dWeight, Span<T> dBias, Span<T> columns, in Conv2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Im2ColConvolution.BackwardWeights";
        ConvolutionArguments.BackwardWeights<T>(x, dy, dWeight, dBias, geometry, batch, method);
        ConvolutionArguments.Scratch<T>(columns, ScratchLength(geometry), "Im2ColConvolution.ColumnsLength(geometry)", x, dy, dWeight,
            method, nameof(columns), nameof(x), nameof(dy), nameof(dWeight));
        KernelGuard.Separate<T>(columns[..ScratchLength(geometry)], dBias, method, nameof(columns), nameof(dBias));
        WeightGradientCore(x, dy, dWeight, columns, geometry, batch);
        ChannelBias.AccumulateGradient<T>(dy, dBias, batch, geometry.OutChannels, geometry.OutHeight * geometry.OutWidth);
    }

    /// <summary>
    /// The forward pass, unchecked: <c>y = bias + conv(x)</c>, or with <paramref name="accumulate"/>
    /// (and no bias) <c>y += conv(x)</c>.
    /// </summary>
    internal static void ForwardCore<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> y, Span<T> columns, in Conv2DGeometry g, int batch,
        bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(bias.IsEmpty || !accumulate);
        int og = g.GroupOutChannels, p = g.OutHeight * g.OutWidth, k = g.GroupInChannels * g.KernelHeight * g.KernelWidth;
        bool hasBias = !bias.IsEmpty;
        // Maps of ForwardChunkPositions or more are multiplied one sample at a time (see the constant).
        int perChunk = p < ForwardChunkPositions ? SamplesPerChunk(g) : 1;
        for (int first = 0, samples; first < batch; first += samples)
        {
            samples = NextChunk(batch - first, perChunk);
            int width = samples * p;
            Span<T> cols = columns[..(k * width)];
            Span<T> outputs = y[(first * g.OutputLength)..];
            if (samples == 1 && hasBias)
                ChannelBias.Fill(bias, outputs[..g.OutputLength], 1, g.OutChannels, p);
            for (int group = 0; group < g.Groups; group++)
            {
                UnfoldChunk(x, cols, first, samples, group, g);
                ReadOnlySpan<T> w = weight.Slice(group * og * k, og * k);
                Span<T> blocks = outputs[(group * og * p)..];
                if (samples == 1)
                {
                    // One sample's [Og, P] block of y is contiguous: the product goes straight there.
                    Gemm.Multiply<T>(w, cols, blocks[..(og * p)], og, p, k, hasBias || accumulate);
                    continue;
                }
                Span<T> product = columns.Slice(k * width, og * width);
                Gemm.Multiply<T>(w, cols, product, og, width, k, false);
                SpreadChunk<T>(product, blocks, g.OutputLength, samples, og, p, hasBias ? bias.Slice(group * og, og) : default, accumulate);
            }
        }
    }

    /// <summary>The data gradient, unchecked: <c>dx (+)= convᵀ(dy)</c>.</summary>
    internal static void DataGradientCore<T>(
        ReadOnlySpan<T> dy, ReadOnlySpan<T> weight, Span<T> dx, Span<T> columns, in Conv2DGeometry g, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth;
        int og = g.GroupOutChannels, p = g.OutHeight * g.OutWidth, k = g.GroupInChannels * g.KernelHeight * g.KernelWidth;
        if (!accumulate)
            dx[..(batch * g.InputLength)].Clear();
        int perChunk = SamplesPerChunk(g);
        for (int first = 0, samples; first < batch; first += samples)
        {
            samples = NextChunk(batch - first, perChunk);
            int width = samples * p;
            Span<T> cols = columns[..(k * width)];
            for (int group = 0; group < g.Groups; group++)
            {
                ReadOnlySpan<T> gradients = GatherChunk(dy, columns[(k * width)..], first, samples, group, g);
                Gemm.MultiplyTransposedA<T>(weight.Slice(group * og * k, og * k), gradients, cols, k, width, og, false);
                for (int s = 0; s < samples; s++)
                    ColumnUnfold.FoldAdd<T>(cols[(s * p)..], width, dx.Slice((first + s) * g.InputLength + group * groupIn, groupIn), g);
            }
        }
    }

    /// <summary>The weight gradient, unchecked: <c>dWeight += dy ⋆ x</c>.</summary>
    internal static void WeightGradientCore<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dWeight, Span<T> columns, in Conv2DGeometry g, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int og = g.GroupOutChannels, p = g.OutHeight * g.OutWidth, k = g.GroupInChannels * g.KernelHeight * g.KernelWidth;
        int perChunk = SamplesPerChunk(g);
        for (int first = 0, samples; first < batch; first += samples)
        {
            samples = NextChunk(batch - first, perChunk);
            int width = samples * p;
            Span<T> cols = columns[..(k * width)];
            for (int group = 0; group < g.Groups; group++)
            {
                UnfoldChunk(x, cols, first, samples, group, g);
                ReadOnlySpan<T> gradients = GatherChunk(dy, columns[(k * width)..], first, samples, group, g);
                Gemm.MultiplyTransposedB<T>(gradients, cols, dWeight.Slice(group * og * k, og * k), og, k, width, true);
            }
        }
    }

    /// <summary>
    /// The size of the next chunk when <paramref name="remaining"/> samples are left: the chunks that
    /// remain, at most <paramref name="perChunk"/> samples each, share the samples evenly (64 samples
    /// at 11 per chunk are 10, 10, 11, 11, 11, 11, not five of 11 and one of 9), so no chunk is left
    /// much narrower than the others.
    /// </summary>
    private static int NextChunk(int remaining, int perChunk)
    {
        int chunks = (remaining + perChunk - 1) / perChunk;
        return remaining / chunks;
    }

    /// <summary>
    /// Unfolds group <paramref name="group"/> of samples <c>first .. first + samples</c> of
    /// <paramref name="x"/> into <paramref name="cols"/> [K, samples·P], sample s in columns
    /// <c>s·P .. (s + 1)·P</c>.
    /// </summary>
    private static void UnfoldChunk<T>(ReadOnlySpan<T> x, Span<T> cols, int first, int samples, int group, in Conv2DGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth, p = g.OutHeight * g.OutWidth;
        for (int s = 0; s < samples; s++)
            ColumnUnfold.Unfold(x.Slice((first + s) * g.InputLength + group * groupIn, groupIn), cols[(s * p)..], samples * p, g);
    }

    /// <summary>
    /// Group <paramref name="group"/>'s output gradients of samples <c>first .. first + samples</c> as one
    /// matrix [Og, samples·P], sample s in columns <c>s·P .. (s + 1)·P</c>: for one sample its block of
    /// <paramref name="dy"/> itself, else copied into the start of <paramref name="buffer"/>.
    /// </summary>
    private static ReadOnlySpan<T> GatherChunk<T>(ReadOnlySpan<T> dy, Span<T> buffer, int first, int samples, int group, in Conv2DGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int og = g.GroupOutChannels, p = g.OutHeight * g.OutWidth, width = samples * p;
        ReadOnlySpan<T> blocks = dy[(first * g.OutputLength + group * og * p)..];
        if (samples == 1)
            return blocks[..(og * p)];
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> block = blocks.Slice(s * g.OutputLength, og * p);
            for (int o = 0; o < og; o++)
                block.Slice(o * p, p).CopyTo(buffer.Slice(o * width + s * p, p));
        }
        return buffer[..(og * width)];
    }

    /// <summary>
    /// The adjoint of <see cref="GatherChunk{T}"/>: writes each sample's columns of
    /// <paramref name="chunk"/> [rows, samples·P] to its contiguous [rows, P] block, the blocks
    /// <paramref name="sampleStride"/> values apart from the start of <paramref name="blocks"/>: plus
    /// <c>bias[r]</c> on row r when there is a bias, added to what the block holds with
    /// <paramref name="accumulate"/> (never both). One pass over y, which is not filled with the bias
    /// first: that pass cost more than the wider products saved on 14×14 maps.
    /// </summary>
    private static void SpreadChunk<T>(
        ReadOnlySpan<T> chunk, Span<T> blocks, int sampleStride, int samples, int rows, int p, ReadOnlySpan<T> bias, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = samples * p;
        for (int s = 0; s < samples; s++)
        {
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<T> source = chunk.Slice(r * width + s * p, p);
                Span<T> target = blocks.Slice(s * sampleStride + r * p, p);
                if (accumulate)
                    TensorPrimitives.Add(target, source, target);
                else if (!bias.IsEmpty)
                    TensorPrimitives.Add(source, bias[r], target);
                else
                    source.CopyTo(target);
            }
        }
    }
}
