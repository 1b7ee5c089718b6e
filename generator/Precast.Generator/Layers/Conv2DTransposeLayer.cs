using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Conv2DTranspose(filters, kernel)]: PyTorch's nn.ConvTranspose2d on a [C, H, W] sample, weight
/// [C, filters / groups, kh, kw], output
/// <c>out = (in − 1)·stride − padBefore − padAfter + dilation·(kernel − 1) + outputPad + 1</c> per axis.
/// It is described by the convolution it transposes (whose input side is this layer's output), so
/// the geometry's In* sizes are the output here and its Out* sizes the input.
/// </summary>
internal sealed record Conv2DTransposeLayer(
    string Name, SourceSpan? Location, int Filters, int KernelHeight, int KernelWidth, int Groups, int OutputPad,
    bool HasBias, Initializer Initializer, WindowOptions Window)
    : ConvolutionLayer(Name, Location, KernelHeight, KernelWidth, Groups, HasBias, Initializer, Window)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context)
    {
        int filters = AttributeReader.Constructor(attribute, 0, 0);
        int kernelHeight = AttributeReader.Constructor(attribute, 1, 0);
        int kernelWidth = attribute.ConstructorArguments.Length > 2 ? AttributeReader.Constructor(attribute, 2, 0) : kernelHeight;
        return new Conv2DTransposeLayer(context.Name, context.Location, filters, kernelHeight, kernelWidth,
            AttributeReader.Named(attribute, "Groups", 1), AttributeReader.Named(attribute, "OutputPad", 0),
            AttributeReader.Named(attribute, "Bias", true), (Initializer)AttributeReader.Named(attribute, "Initializer", 0),
            WindowOptions.Read(attribute));
    }

    public override string Kind => "Conv2DTranspose";

    public override string Formula => HasBias ? "y = Wᵀ ⋆ x + b" : "y = Wᵀ ⋆ x";

    protected override string IndexFormula(ConvGeometry g)
    {
        string channel = g.Groups == 1 ? "o" : $"{N(g.GroupInChannels)}·(c / {N(g.GroupOutChannels)}) + o";
        string u = g.KernelHeight > 1 ? "u" : "0", v = g.KernelWidth > 1 ? "v" : "0";
        return $"y[n, {channel}, {Index("i", u, g.StrideHeight, g.PadTop, g.DilationHeight)}, {Index("j", v, g.StrideWidth, g.PadLeft, g.DilationWidth)}] " +
            $"+= W[c, o, u, v]·x[n, c, i, j] for c < {N(g.OutChannels)}, u < {N(g.KernelHeight)}, v < {N(g.KernelWidth)}{(HasBias ? ", then + b[o]" : "")}";
    }

    protected override string? OtherRankLayer => null;

    protected override IEnumerable<(string Name, int Value)> Sizes =>
        [("Filters", Filters), ("KernelHeight", KernelHeight), ("KernelWidth", KernelWidth), ("Groups", Groups)];

    protected override long OutChannels(int inChannels) => Filters;

    protected override ConvGeometry? TryGeometry(Shape input, ShapeContext context)
    {
        if (Window.Resolve(context, input[1], input[2], KernelHeight, KernelWidth, 1, 1, oneDimensional: false) is not var (rows, columns))
            return null;
        int? height = OutputSize(context, input, rows), width = height is null ? null : OutputSize(context, input, columns);
        if (height is null || width is null)
            return null;
        // The convolution this layer transposes maps [filters, height, width] back to the input.
        return new ConvGeometry(Filters, height.Value, width.Value, input[0], input[1], input[2],
            KernelHeight, KernelWidth, rows.Stride, columns.Stride, rows.PadBefore, columns.PadBefore, rows.Dilation, columns.Dilation, Groups);
    }

    /// <summary>
    /// The output size along one axis. Padding.Same gives in·stride as Keras does: the padding of the
    /// transposed convolution is the "same" padding of the convolution from that size, with the
    /// output padding making up for a window shorter than the stride.
    /// </summary>
    private int? OutputSize(ShapeContext context, Shape input, AxisWindow axis)
    {
        long extent = axis.Extent;
        int before = axis.PadBefore, after = axis.PadAfter, outputPad = OutputPad;
        if (Window.Padding == WindowOptions.Same)
        {
            long total = Math.Max(extent - axis.Stride, 0);
            before = (int)(total / 2);
            after = (int)(total - total / 2);
            outputPad = (int)Math.Max(axis.Stride - extent, 0);
        }
        else if (OutputPad < 0 || OutputPad >= Math.Max(axis.Stride, axis.Dilation))
        {
            context.Invalid("OutputPad", OutputPad,
                $"it picks one of the {axis.Name}s a stride of {axis.Stride} leaves open and must be at least 0 and less than the stride or the dilation ({Math.Max(axis.Stride, axis.Dilation)})");
            return null;
        }
        long size = (axis.Input - 1L) * axis.Stride - before - after + extent + outputPad;
        string arithmetic = $"({N(axis.Input)} − 1)·{N(axis.Stride)} − {N(before)} − {N(after)} + {N(extent)} + {N(outputPad)}";
        if (size < 1)
        {
            context.Report(Descriptors.EmptyOutput, context.Display, input.ToString(), context.Producer, N(size), axis.Unit, axis.Name,
                $"{arithmetic} = {N(size)}", "use less padding, a larger kernel or a larger stride");
            return null;
        }
        if (size > Limits.MaxArrayLength)
        {
            context.Report(Descriptors.SizeTooLarge, $"The {axis.Name} of {context.Display}'s output ({arithmetic})", size);
            return null;
        }
        return (int)size;
    }

    protected override Shape OutputShape(ConvGeometry g) => new([g.InChannels, g.InHeight, g.InWidth]);

    protected override Shape WeightShape(ConvGeometry g) => new([g.OutChannels, g.GroupInChannels, g.KernelHeight, g.KernelWidth]);

    protected override int BiasLength(ConvGeometry g) => g.InChannels;

    protected override ConvolutionAlgorithm Algorithm(ConvGeometry g) => ConvolutionAlgorithm.ForTransposed(g);

    // The fans come out as PyTorch's from the weight [C, filters / groups, kh, kw]: fan_in is
    // filters / groups · kh·kw (the geometry's taps), fan_out C·kh·kw, the base class's rule.
}
