using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Convolution as matrix products: each sample's input is unfolded into a columns matrix (im2col)
/// and multiplied by the weight with <see cref="Gemm"/>; any geometry (stride, padding, dilation,
/// groups). Shapes and the formula are those of <see cref="Conv2DGeometry"/>; per sample and group,
/// with <c>K = Cg·KernelHeight·KernelWidth</c> and <c>P = OutHeight·OutWidth</c>:
/// <list type="bullet">
/// <item>forward: <c>y_g [Og, P] = bias + W_g [Og, K] · columns [K, P]</c> (<see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>);</item>
/// <item>data gradient: <c>columns = W_gᵀ · dy_g</c> (<see cref="Gemm.MultiplyTransposedA{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>), then <c>dx_g += col2im(columns)</c>;</item>
/// <item>weight gradient: <c>dW_g += dy_g · columnsᵀ</c> (<see cref="Gemm.MultiplyTransposedB{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>), <c>dBias[o] += Σ_n Σ_p dy[n, o, p]</c>.</item>
/// </list>
/// The columns are the caller's scratch buffer of <see cref="ColumnsLength"/> values, reused for every
/// sample and group, so nothing is allocated.
/// </summary>
/// <remarks>
/// <para>
/// <b>When it wins.</b> The general algorithm: its products are <see cref="Gemm"/>'s blocked,
/// register-tiled micro-kernels, so it pays off once the channels make the products large (more than
/// 16 output channels per group, or Cg·Kh·Kw above 160), and at strides above 1. It costs one pass
/// writing the columns (K·P values) per sample and group and, backward, one scatter-add. See the
/// selection rule and the measurements on <see cref="DirectConvolution"/>.
/// </para>
/// </remarks>
public static class Im2ColConvolution
{
    /// <summary>
    /// The length of the scratch buffer every method takes:
    /// <c>(InChannels / Groups)·KernelHeight·KernelWidth·OutHeight·OutWidth</c>, the columns of one
    /// group of one sample.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is not valid.</exception>
    public static int ColumnsLength(in Conv2DGeometry geometry)
    {
        geometry.Validate("Im2ColConvolution.ColumnsLength");
        return ColumnUnfold.Length(geometry);
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
        ConvolutionArguments.Scratch<T>(columns, ColumnUnfold.Length(geometry), "Im2ColConvolution.ColumnsLength(geometry)", x, weight, y,
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
        ConvolutionArguments.Scratch<T>(columns, ColumnUnfold.Length(geometry), "Im2ColConvolution.ColumnsLength(geometry)", dy, weight, dx,
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
        ConvolutionArguments.Scratch<T>(columns, ColumnUnfold.Length(geometry), "Im2ColConvolution.ColumnsLength(geometry)", x, dy, dWeight,
            method, nameof(columns), nameof(x), nameof(dy), nameof(dWeight));
        KernelGuard.Separate<T>(columns[..ColumnUnfold.Length(geometry)], dBias, method, nameof(columns), nameof(dBias));
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
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth;
        int og = g.GroupOutChannels, p = g.OutHeight * g.OutWidth, k = g.GroupInChannels * g.KernelHeight * g.KernelWidth;
        Span<T> cols = columns[..ColumnUnfold.Length(g)];
        bool hasBias = !bias.IsEmpty;
        if (hasBias)
            ChannelBias.Fill(bias, y, batch, g.OutChannels, p);
        for (int n = 0; n < batch; n++)
        {
            for (int group = 0; group < g.Groups; group++)
            {
                ColumnUnfold.Unfold(x.Slice(n * g.InputLength + group * groupIn, groupIn), cols, g);
                Gemm.Multiply<T>(weight.Slice(group * og * k, og * k), cols, y.Slice(n * g.OutputLength + group * og * p, og * p), og, p, k, hasBias || accumulate);
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
        Span<T> cols = columns[..ColumnUnfold.Length(g)];
        if (!accumulate)
            dx[..(batch * g.InputLength)].Clear();
        for (int n = 0; n < batch; n++)
        {
            for (int group = 0; group < g.Groups; group++)
            {
                Gemm.MultiplyTransposedA<T>(weight.Slice(group * og * k, og * k), dy.Slice(n * g.OutputLength + group * og * p, og * p), cols, k, p, og, false);
                ColumnUnfold.FoldAdd<T>(cols, dx.Slice(n * g.InputLength + group * groupIn, groupIn), g);
            }
        }
    }

    /// <summary>The weight gradient, unchecked: <c>dWeight += dy ⋆ x</c>.</summary>
    internal static void WeightGradientCore<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dWeight, Span<T> columns, in Conv2DGeometry g, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth;
        int og = g.GroupOutChannels, p = g.OutHeight * g.OutWidth, k = g.GroupInChannels * g.KernelHeight * g.KernelWidth;
        Span<T> cols = columns[..ColumnUnfold.Length(g)];
        for (int n = 0; n < batch; n++)
        {
            for (int group = 0; group < g.Groups; group++)
            {
                ColumnUnfold.Unfold(x.Slice(n * g.InputLength + group * groupIn, groupIn), cols, g);
                Gemm.MultiplyTransposedB<T>(dy.Slice(n * g.OutputLength + group * og * p, og * p), cols, dWeight.Slice(group * og * k, og * k), og, k, p, true);
            }
        }
    }
}
