using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// The transposed convolution (PyTorch's <c>ConvTranspose2d</c>, Keras's <c>Conv2DTranspose</c>): the
/// data gradient of a convolution used as a layer, so its forward pass is
/// <see cref="Im2ColConvolution.BackwardData{T}"/>'s product and its data gradient is a convolution's
/// forward pass. It takes the geometry of the convolution it transposes, which
/// <see cref="Conv2DGeometry.ForTransposed"/> builds from ConvTranspose2d's arguments: this layer's
/// input <c>x</c> is that convolution's output side <c>[batch, OutChannels, OutHeight, OutWidth]</c>,
/// its output <c>y</c> the input side <c>[batch, InChannels, InHeight, InWidth]</c>, with
/// <c>InHeight = (OutHeight − 1)·StrideHeight − 2·padding + DilationHeight·(KernelHeight − 1) + output_padding + 1</c>
/// in ConvTranspose2d's terms; the weight is <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>,
/// which is ConvTranspose2d's <c>[in_channels, out_channels / groups, kH, kW]</c>, and the bias has
/// InChannels values (ConvTranspose2d's out_channels).
/// </summary>
/// <remarks>
/// <para>
/// Every input value scatters a weighted copy of its kernel into the output:
/// <c>y[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw] += x[n, o, i, j] · weight[o, c, u, v]</c> for
/// o in group g, then the bias is added. Computed per group, several samples at a time as
/// <see cref="Im2ColConvolution"/> does (the same code), as
/// <c>columns = W_gᵀ · x_g</c> (<see cref="Gemm.MultiplyTransposedA{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>)
/// and <c>y_g += col2im(columns)</c>, with the caller's scratch of <see cref="ColumnsLength"/> values.
/// </para>
/// </remarks>
public static class TransposedConvolution
{
    /// <summary>
    /// The length of the scratch buffer every method takes: <see cref="Im2ColConvolution.ColumnsLength"/>
    /// of the geometry (the convolution this layer transposes).
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is not valid.</exception>
    public static int ColumnsLength(in Conv2DGeometry geometry)
    {
        geometry.Validate("TransposedConvolution.ColumnsLength");
        return Im2ColConvolution.ScratchLength(geometry);
    }

    /// <summary>
    /// <c>y = bias + convᵀ(x)</c>: <c>y[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw] = bias[·] + Σ x[n, o, i, j] · weight[o, c, u, v]</c>.
    /// </summary>
    /// <param name="x">The input, batch × OutChannels × OutHeight × OutWidth values (the geometry's output side).</param>
    /// <param name="weight">The weight, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values.</param>
    /// <param name="bias">The bias, InChannels values, or empty for none.</param>
    /// <param name="y">The output, batch × InChannels × InHeight × InWidth values (the input side); overwritten.</param>
    /// <param name="columns">Scratch, at least <see cref="ColumnsLength"/> values; its contents are overwritten.</param>
    /// <param name="geometry">The convolution this layer transposes (<see cref="Conv2DGeometry.ForTransposed"/>).</param>
    /// <param name="batch">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void Forward<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> y, Span<T> columns, in Conv2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "TransposedConvolution.Forward";
        ConvolutionArguments.Forward<T>(x, weight, bias, y, geometry, batch, method, transposed: true);
        ConvolutionArguments.Scratch<T>(columns, Im2ColConvolution.ScratchLength(geometry), "TransposedConvolution.ColumnsLength(geometry)", x, weight, y,
            method, nameof(columns), nameof(x), nameof(weight), nameof(y));
        bool hasBias = !bias.IsEmpty;
        if (hasBias)
            ChannelBias.Fill(bias, y, batch, geometry.InChannels, geometry.InHeight * geometry.InWidth);
        Im2ColConvolution.DataGradientCore(x, weight, y, columns, geometry, batch, accumulate: hasBias);
    }

    /// <summary>
    /// The input gradient, a convolution's forward pass without bias:
    /// <c>dx[n, o, i, j] (+)= Σ_{c, u, v} weight[o, c, u, v] · dy[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw]</c>.
    /// </summary>
    /// <param name="dy">The output gradient, batch × InChannels × InHeight × InWidth values (the input side).</param>
    /// <param name="weight">The weight, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values.</param>
    /// <param name="dx">Receives the input gradient, batch × OutChannels × OutHeight × OutWidth values (the output side).</param>
    /// <param name="columns">Scratch, at least <see cref="ColumnsLength"/> values; its contents are overwritten.</param>
    /// <param name="geometry">The convolution this layer transposes.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="accumulate">Add to what <paramref name="dx"/> holds (an input read by other layers too) instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void BackwardData<T>(
        ReadOnlySpan<T> dy, ReadOnlySpan<T> weight, Span<T> dx, Span<T> columns, in Conv2DGeometry geometry, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "TransposedConvolution.BackwardData";
        ConvolutionArguments.BackwardData<T>(dy, weight, dx, geometry, batch, method, transposed: true);
        ConvolutionArguments.Scratch<T>(columns, Im2ColConvolution.ScratchLength(geometry), "TransposedConvolution.ColumnsLength(geometry)", dy, weight, dx,
            method, nameof(columns), nameof(dy), nameof(weight), nameof(dx));
        Im2ColConvolution.ForwardCore(dy, weight, default, dx, columns, geometry, batch, accumulate);
    }

    /// <summary>
    /// The parameter gradients, added:
    /// <c>dWeight[o, c, u, v] += Σ_{n, i, j} x[n, o, i, j] · dy[n, g·Cg + c, i·sh − PadTop + u·dh, j·sw − PadLeft + v·dw]</c>
    /// and <c>dBias[c] += Σ_n Σ_p dy[n, c, p]</c> over the InChannels output channels.
    /// </summary>
    /// <param name="x">The forward input, batch × OutChannels × OutHeight × OutWidth values (the output side).</param>
    /// <param name="dy">The output gradient, batch × InChannels × InHeight × InWidth values (the input side).</param>
    /// <param name="dWeight">The weight gradient, OutChannels × InChannels/Groups × KernelHeight × KernelWidth values; added to.</param>
    /// <param name="dBias">The bias gradient, InChannels values (added to), or empty when the layer has no bias.</param>
    /// <param name="columns">Scratch, at least <see cref="ColumnsLength"/> values; its contents are overwritten.</param>
    /// <param name="geometry">The convolution this layer transposes.</param>
    /// <param name="batch">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">The geometry is not valid, a span's length does not match it, or spans overlap.</exception>
    public static void BackwardWeights<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dWeight, Span<T> dBias, Span<T> columns, in Conv2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "TransposedConvolution.BackwardWeights";
        ConvolutionArguments.BackwardWeights<T>(x, dy, dWeight, dBias, geometry, batch, method, transposed: true);
        ConvolutionArguments.Scratch<T>(columns, Im2ColConvolution.ScratchLength(geometry), "TransposedConvolution.ColumnsLength(geometry)", x, dy, dWeight,
            method, nameof(columns), nameof(x), nameof(dy), nameof(dWeight));
        KernelGuard.Separate<T>(columns[..Im2ColConvolution.ScratchLength(geometry)], dBias, method, nameof(columns), nameof(dBias));
        // The weight gradient of the convolution whose input is dy and whose output gradient is x.
        Im2ColConvolution.WeightGradientCore(dy, x, dWeight, columns, geometry, batch);
        ChannelBias.AccumulateGradient<T>(dy, dBias, batch, geometry.InChannels, geometry.InHeight * geometry.InWidth);
    }
}
