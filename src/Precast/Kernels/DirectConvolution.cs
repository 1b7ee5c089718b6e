using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Kernels;

/// <summary>
/// Convolution computed in place, without im2col and without scratch: each output row is summed
/// from the input rows it reads, vectorized along the row (see <see cref="DirectTiles"/>). Any
/// geometry (stride, padding, dilation, groups); shapes and the formula are those of
/// <see cref="Conv2DGeometry"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>When it wins.</b> For few filters and large kernels: each output's sums stay in registers over
/// all Cg·Kh·Kw taps, which pays when a 5×5 or larger kernel gives many taps per input row, while
/// im2col's copy of Cg·Kh·Kw·Ho·Wo values per sample feeds only Og filters' products. Since
/// <see cref="Im2ColConvolution"/> multiplies chunks of samples at once, it is faster with 3×3
/// kernels or more than 6 filters. Any stride works, and every pass is vectorized, but at stride 2
/// im2col is faster.
/// </para>
/// <para>
/// <b>Choosing the algorithm</b> (the rule for the generator, from the layer's constant shape; with
/// <c>Cg = InChannels / Groups</c>, <c>Og = OutChannels / Groups</c>):
/// <list type="number">
/// <item>1×1, stride 1, no padding: <see cref="PointwiseConvolution"/>.</item>
/// <item><c>Groups = InChannels</c> (depthwise, any multiplier) at stride 1: <see cref="DepthwiseConvolution"/>;
/// at stride 2 or more, as any other convolution.</item>
/// <item>Stride 1, <c>Og ≤ 6</c>, <c>Kh·Kw ≥ 25</c> and <c>Cg·Kh·Kw ≤ 150</c>: <see cref="DirectConvolution"/>.</item>
/// <item>Anything else: <see cref="Im2ColConvolution"/>. (A transposed convolution is always
/// <see cref="TransposedConvolution"/>.)</item>
/// </list>
/// Measured 2026-12-02 in float with 256-bit vectors on a 2-core EPYC shared with other jobs (load
/// 6 to 12): direct loops and im2col interleaved in one process on the same tensors, each call timed
/// by the process's processor time, the median of single calls per round and of 5 to 7 rounds. As
/// im2col's time over direct loops' (above 1: direct loops faster) for forward / training work
/// (data and weight gradients; a first layer's training work is the weight gradient alone, as in a
/// model), batch 1 and batch 64:
/// <list type="table">
/// <listheader><term>layer (Cg·Kh·Kw taps, Og filters)</term><description>batch 1; batch 64</description></listheader>
/// <item><term>LeNet's C1, 1→6 5×5 pad 2 on 28×28, first layer (25, 6)</term><description>0.83–0.86 / 1.01–1.09; 0.82–0.85 / 1.04–1.11 (4 runs)</description></item>
/// <item><term>1→6 5×5 on 28×28, first layer (25, 6)</term><description>0.96 / 1.10; 0.97 / 1.13</description></item>
/// <item><term>4→6 5×5 pad 2 on 28×28 (100, 6)</term><description>1.19 / 1.12; 1.21 / 1.15</description></item>
/// <item><term>6→6 5×5 on 14×14 (150, 6)</term><description>1.00 / 1.19; 1.05 / 1.01</description></item>
/// <item><term>1→8 5×5 pad 2 on 28×28, first layer (25, 8)</term><description>0.73 / 0.98; 0.69 / 0.93</description></item>
/// <item><term>1→6 3×3 "same" on 28×28, first layer (9, 6)</term><description>0.51 / 1.14; 0.67 / 1.13</description></item>
/// <item><term>ResNet's stem, 1→16 3×3 "same" on 28×28, first layer (9, 16)</term><description>0.55 / 0.91; 0.52 / 0.95</description></item>
/// <item><term>2→6 3×3 "same" on 28×28 (18, 6)</term><description>0.75 / 0.59; 0.74 / 0.60</description></item>
/// <item><term>16→6 3×3 "same" on 28×28 (144, 6)</term><description>0.80 / 1.04; 0.89 / 1.11</description></item>
/// <item><term>4→16 3×3 "same" on 28×28 (36, 16)</term><description>0.58 / 0.57; 0.57 / 0.60</description></item>
/// <item><term>8→16 3×3 "same" on 14×14 (72, 16)</term><description>0.55 / 0.65; 0.52 / 0.59</description></item>
/// <item><term>Inception's 8→12 1×7 and 12→12 7×1 on 14×14 (56 and 84, 12)</term><description>0.47 to 0.71</description></item>
/// <item><term>3→16 3×3 "same", first layer (27, 16), on 32×32</term><description>1.16 / 0.99; 1.27 / 1.13 (another run: 0.95 / 0.97; 0.96 / 1.10); on 30×30: 0.63 / 0.99; 0.69 / 0.95</description></item>
/// </list>
/// The compare command (<c>compare --clock cpu</c> in benchmarks/Precast.Benchmarks) measured LeNet's
/// C3 (6→16 5×5, 150 taps) and the ResNet's 16→16 3×3 layers at 0.47 to 0.76 the same day. The one
/// exception to the rule is the 32-column map: rows of whole vectors for direct loops, rows of 1,024
/// columns for im2col. Against the im2col of one sample at a time (before chunks), pointwise 64→16
/// 1×1 on 14×14 was 1.9 to 6.1 times faster than im2col and depthwise 3×3 on 32 channels 1.4 to 1.7
/// times at stride 1, 0.9 for the training step at stride 2. <c>ConvolutionBenchmarks</c> in
/// benchmarks/Precast.Benchmarks measures such layers with BenchmarkDotNet.
/// </para>
/// </remarks>
public static class DirectConvolution
{
    /// <summary>
    /// <c>y[n, o, i, j] = bias[o] + Σ_{c, u, v} weight[o, c, u, v] · x[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw]</c>.
    /// </summary>
    /// <param name="x">The input, batch × InChannels × InHeight × InWidth values.</param>
    /// <param name="weight">The weight, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values.</param>
    /// <param name="bias">The bias, OutChannels values, or empty for none.</param>
    /// <param name="y">The output, batch × OutChannels × OutHeight × OutWidth values; overwritten.</param>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> y, in Conv2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ConvolutionArguments.Forward<T>(x, weight, bias, y, geometry, batch, "DirectConvolution.Forward");
        ForwardCore(x, weight, bias, y, geometry, batch);
    }

    /// <summary>
    /// The input gradient, <c>dx[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw] (+)= Σ dy[n, o, i, j] · weight[o, c, u, v]</c>
    /// over every output <c>(o, i, j)</c> of group g and tap <c>(u, v)</c> that reads the value.
    /// </summary>
    /// <param name="dy">The output gradient, batch × OutChannels × OutHeight × OutWidth values.</param>
    /// <param name="weight">The weight, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values.</param>
    /// <param name="dx">Receives the input gradient, batch × InChannels × InHeight × InWidth values.</param>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="accumulate">Add to what <paramref name="dx"/> holds (an input read by other layers too) instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void BackwardData<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> weight, Span<T> dx, in Conv2DGeometry geometry, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ConvolutionArguments.BackwardData<T>(dy, weight, dx, geometry, batch, "DirectConvolution.BackwardData");
        DataGradientCore(dy, weight, dx, geometry, batch, accumulate);
    }

    /// <summary>
    /// The parameter gradients, added: <c>dWeight[o, c, u, v] += Σ_{n, i, j} dy[n, o, i, j] · x[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw]</c>
    /// and <c>dBias[o] += Σ_{n, i, j} dy[n, o, i, j]</c>.
    /// </summary>
    /// <param name="x">The forward input, batch × InChannels × InHeight × InWidth values.</param>
    /// <param name="dy">The output gradient, batch × OutChannels × OutHeight × OutWidth values.</param>
    /// <param name="dWeight">The weight gradient, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values; added to.</param>
    /// <param name="dBias">The bias gradient, OutChannels values (added to), or empty when the layer has no bias.</param>
    /// <param name="geometry">The convolution's shape.</param>
    /// <param name="batch">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void BackwardWeights<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dWeight, Span<T> dBias, in Conv2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ConvolutionArguments.BackwardWeights<T>(x, dy, dWeight, dBias, geometry, batch, "DirectConvolution.BackwardWeights");
        WeightGradientCore(x, dy, dWeight, geometry, batch);
        ChannelBias.AccumulateGradient<T>(dy, dBias, batch, geometry.OutChannels, geometry.OutHeight * geometry.OutWidth);
    }

    /// <summary>The forward pass, unchecked.</summary>
    [SkipLocalsInit]
    internal static void ForwardCore<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> y, in Conv2DGeometry g, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> stage = stackalloc T[DirectTiles.StageLength];
        var pass = DirectTiles.Pass.Forward(g);
        (int cg, int og, int taps, int groupIn, int groupOut) = Sizes(g);
        for (int n = 0; n < batch; n++)
        {
            for (int group = 0; group < g.Groups; group++)
            {
                DirectTiles.Correlate(
                    x.Slice(n * g.InputLength + group * groupIn, groupIn), cg,
                    y.Slice(n * g.OutputLength + group * groupOut, groupOut), og,
                    weight.Slice(group * og * cg * taps, og * cg * taps), cg * taps, taps,
                    bias.IsEmpty ? default : bias.Slice(group * og, og), pass, add: false, stage);
            }
        }
    }

    /// <summary>The data gradient, unchecked.</summary>
    [SkipLocalsInit]
    internal static void DataGradientCore<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> weight, Span<T> dx, in Conv2DGeometry g, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> stage = stackalloc T[DirectTiles.StageLength];
        var pass = DirectTiles.Pass.Backward(g);
        (int cg, int og, int taps, int groupIn, int groupOut) = Sizes(g);
        for (int n = 0; n < batch; n++)
        {
            for (int group = 0; group < g.Groups; group++)
            {
                // The adjoint correlation: dx's channels are the targets, dy's the sources, so the
                // weight's strides swap.
                DirectTiles.Correlate(
                    dy.Slice(n * g.OutputLength + group * groupOut, groupOut), og,
                    dx.Slice(n * g.InputLength + group * groupIn, groupIn), cg,
                    weight.Slice(group * og * cg * taps, og * cg * taps), taps, cg * taps,
                    default, pass, accumulate, stage);
            }
        }
    }

    /// <summary>The weight gradient, unchecked.</summary>
    [SkipLocalsInit]
    internal static void WeightGradientCore<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dWeight, in Conv2DGeometry g, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> stage = stackalloc T[DirectTiles.StageLength];
        var pass = DirectTiles.Pass.Forward(g);
        (int cg, int og, int taps, int groupIn, int groupOut) = Sizes(g);
        for (int n = 0; n < batch; n++)
        {
            for (int group = 0; group < g.Groups; group++)
            {
                DirectTiles.WeightGradient(
                    x.Slice(n * g.InputLength + group * groupIn, groupIn), cg,
                    dy.Slice(n * g.OutputLength + group * groupOut, groupOut), og,
                    dWeight.Slice(group * og * cg * taps, og * cg * taps), cg * taps, taps, pass, stage);
            }
        }
    }

    /// <summary>Channels per group, taps per kernel, and the values of one group's input and output planes.</summary>
    private static (int Cg, int Og, int Taps, int GroupIn, int GroupOut) Sizes(in Conv2DGeometry g)
        => (g.GroupInChannels, g.GroupOutChannels, g.KernelHeight * g.KernelWidth,
            g.GroupInChannels * g.InHeight * g.InWidth, g.GroupOutChannels * g.OutHeight * g.OutWidth);
}
