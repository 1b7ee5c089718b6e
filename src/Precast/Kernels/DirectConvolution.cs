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
/// Cg·Kh·Kw·Ho·Wo values per sample is large next to the Cout·Cg·Kh·Kw·Ho·Wo multiply-adds it feeds:
/// LeNet's 1→6 5×5 layer on 32×32 and small 3×3 layers. The data gradient is vectorized only at
/// horizontal stride 1 (above 1 it runs scalar code), so strided layers go to
/// <see cref="Im2ColConvolution"/>.
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
