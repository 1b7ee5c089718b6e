using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [UpSampling2D(factor)]: nearest-neighbour upsampling of a [C, H, W] sample to
/// [C, H·factorHeight, W·factorWidth] (U-Net's way up); the backward step sums each block's gradient.
/// </summary>
internal sealed record UpSampling2DLayer(string Name, SourceSpan? Location, int FactorHeight, int FactorWidth) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context)
    {
        int height = AttributeReader.Constructor(attribute, 0, 0);
        int width = attribute.ConstructorArguments.Length > 1 ? AttributeReader.Constructor(attribute, 1, 0) : height;
        return new UpSampling2DLayer(context.Name, context.Location, height, width);
    }

    public override string Kind => "UpSampling2D";

    public override string Formula => $"y[n, c, i, j] = x[n, c, i / {FactorHeight}, j / {FactorWidth}]";

    protected override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (!RankHint.RequireImage(input, context, null))
            return null;
        if (FactorHeight < 1)
            return context.Report(Descriptors.NonPositiveSize, "Height", context.Display, FactorHeight);
        if (FactorWidth < 1)
            return context.Report(Descriptors.NonPositiveSize, "Width", context.Display, FactorWidth);
        long height = (long)input[1] * FactorHeight, width = (long)input[2] * FactorWidth;
        if (height > Limits.MaxArrayLength || width > Limits.MaxArrayLength)
            return context.Report(Descriptors.SizeTooLarge, $"The output of {context.Display}", input[0] * height * width);
        return new Shape([input[0], (int)height, (int)width]);
    }

    private string Sizes(NodeEmitContext context)
    {
        Shape input = context.InputShape(0);
        return $"batch, channels: {input[0]}, height: {input[1]}, width: {input[2]}, factorHeight: {FactorHeight}, factorWidth: {FactorWidth}";
    }

    public override void EmitForward(NodeEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.UpSampling2D.Forward<{context.T}>({context.Input(0)}, {context.Output}, {Sizes(context)});");

    public override void EmitBackward(NodeEmitContext context)
    {
        context.Writer.Line($"// dx[n, c, i, j] {(context.Accumulates(0) == "true" ? "+=" : "=")} Σ dy over the {FactorHeight}×{FactorWidth} block it was copied to");
        context.Writer.Line($"global::Precast.Kernels.UpSampling2D.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(0)}, {Sizes(context)}, accumulate: {context.Accumulates(0)});");
    }
}
