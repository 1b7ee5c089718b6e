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
/// <b>When it wins.</b> For few channels and small kernels, where im2col's copy of
/// Cg·Kh·Kw·Ho·Wo values per sample is large next to the Og·Cg·Kh·Kw·Ho·Wo multiply-adds it feeds:
/// LeNet's layers and 3×3 layers up to 16 channels. Any stride works, and every pass is vectorized,
/// but at stride 2 im2col was faster (below).
/// </para>
/// <para>
/// <b>Choosing the algorithm</b> (the rule for the generator, from the layer's constant shape; with
/// <c>Cg = InChannels / Groups</c>, <c>Og = OutChannels / Groups</c>):
/// <list type="number">
/// <item>1×1, stride 1, no padding: <see cref="PointwiseConvolution"/>.</item>
/// <item><c>Groups = InChannels</c> (depthwise, any multiplier): <see cref="DepthwiseConvolution"/> at
/// stride 1, and at any stride in a model that only infers; a trained depthwise layer at stride 2 or
/// more: <see cref="Im2ColConvolution"/>.</item>
/// <item>Stride 1, <c>Cg·Kh·Kw ≤ 160</c> and <c>Og ≤ 16</c>: <see cref="DirectConvolution"/>.</item>
/// <item>Anything else: <see cref="Im2ColConvolution"/>. (A transposed convolution is always
/// <see cref="TransposedConvolution"/>.)</item>
/// </list>
/// Measured in float with 256-bit vectors (AVX2 and FMA, on an AVX-512 machine shared by other jobs:
/// load average 20 to 30 on 2 cores, so each time is the least of 20 to 80 interleaved calls over
/// three runs), as speed-ups over im2col for forward / training step (forward, data gradient,
/// parameter gradients), batch 1 and batch 64:
/// <list type="table">
/// <listheader><term>layer (Cg·Kh·Kw, Og)</term><description>batch 1; batch 64</description></listheader>
/// <item><term>direct, LeNet 1→6 5×5 on 32×32 (25, 6)</term><description>3.35 / 2.66; 1.42 / 1.28</description></item>
/// <item><term>direct, LeNet 6→16 5×5 on 14×14 (150, 16)</term><description>2.34 / 2.51; 1.08 / 1.12</description></item>
/// <item><term>direct, 3→16 3×3 on 32×32 (27, 16)</term><description>1.40 / 1.21; 1.55 / 1.25</description></item>
/// <item><term>direct, 8→8 3×3 on 28×28 (72, 8)</term><description>1.12 / 1.27; 1.09 / 1.21</description></item>
/// <item><term>direct, 16→16 3×3 on 28×28 (144, 16)</term><description>1.29 / 1.37; 1.33 / 1.09</description></item>
/// <item><term>direct, 32→32 3×3 on 14×14 (288, 32)</term><description>1.05 / 1.15; 0.92 / 0.88</description></item>
/// <item><term>direct, 64→64 3×3 on 7×7 (576, 64)</term><description>0.94 / 0.90; 0.96 / 0.87</description></item>
/// <item><term>direct, 16→32 3×3 stride 2 on 28×28 (144, 32)</term><description>0.91 / 0.92; 0.50 / 0.75</description></item>
/// <item><term>pointwise, 64→16 1×1 on 14×14</term><description>6.14 / 4.99; 1.88 / 1.88 (direct: 1.14 / 1.18; 0.44 / 0.49)</description></item>
/// <item><term>depthwise, 32 channels 3×3 on 28×28</term><description>1.41 / 1.51; 1.48 / 1.67</description></item>
/// <item><term>depthwise, 32 channels 3×3 stride 2 on 28×28</term><description>1.37 / 0.93; 1.50 / 0.89</description></item>
/// </list>
/// <c>ConvolutionBenchmarks</c> in benchmarks/Precast.Benchmarks measures the same layers with
/// BenchmarkDotNet.
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
