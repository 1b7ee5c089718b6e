using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [ZeroPadding2D(...)] and [Cropping2D(...)]: zero rows and columns added around each channel of a
/// [C, H, W] sample, or rows and columns removed from its borders. One is the other's gradient, so
/// they share this file: padding's backward step crops the gradient and cropping's pads it.
/// </summary>
internal sealed record BorderLayer(string Name, SourceSpan? Location, bool Crop, int Top, int Bottom, int Left, int Right)
    : LayerSpec(Name, Location)
{
    public static LayerSpec ParsePadding(AttributeData attribute, ItemContext context) => Parse(attribute, context, crop: false);

    public static LayerSpec ParseCropping(AttributeData attribute, ItemContext context) => Parse(attribute, context, crop: true);

    private static LayerSpec Parse(AttributeData attribute, ItemContext context, bool crop)
    {
        int[] sides = attribute.ConstructorArguments.Length switch
        {
            1 => [Argument(attribute, 0), Argument(attribute, 0), Argument(attribute, 0), Argument(attribute, 0)],
            2 => [Argument(attribute, 0), Argument(attribute, 0), Argument(attribute, 1), Argument(attribute, 1)],
            _ => [Argument(attribute, 0), Argument(attribute, 1), Argument(attribute, 2), Argument(attribute, 3)],
        };
        return new BorderLayer(context.Name, context.Location, crop, sides[0], sides[1], sides[2], sides[3]);
    }

    private static int Argument(AttributeData attribute, int index) => AttributeReader.Constructor(attribute, index, 0);

    public override string Kind => Crop ? "Cropping2D" : "ZeroPadding2D";

    public override string Formula => Crop
        ? $"y[n, c, i, j] = x[n, c, {Offset("i", -Top)}, {Offset("j", -Left)}]"
        : $"y[n, c, i, j] = x[n, c, {Offset("i", Top)}, {Offset("j", Left)}] inside the input, 0 in the border";

    private static string Offset(string index, int by) => by == 0 ? index : by > 0 ? $"{index} − {by}" : $"{index} + {-by}";

    protected override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (!RankHint.RequireImage(input, context, null))
            return null;
        string what = Crop ? "it removes rows and columns and must be 0 or more" : "it adds zeros and must be 0 or more";
        foreach (var (name, value) in new[] { ("Top", Top), ("Bottom", Bottom), ("Left", Left), ("Right", Right) })
        {
            if (value < 0)
                return context.Invalid(name, value, what);
        }
        int sign = Crop ? -1 : 1;
        long height = input[1] + sign * ((long)Top + Bottom), width = input[2] + sign * ((long)Left + Right);
        if (Crop && height < 1)
            return context.Report(Descriptors.CropTooLarge, context.Display, $"{Top} + {Bottom}", "rows", "height", input.ToString(), context.Producer, $"{input[1]}");
        if (Crop && width < 1)
            return context.Report(Descriptors.CropTooLarge, context.Display, $"{Left} + {Right}", "columns", "width", input.ToString(), context.Producer, $"{input[2]}");
        if (height > Limits.MaxArrayLength || width > Limits.MaxArrayLength)
            return context.Report(Descriptors.SizeTooLarge, $"The output of {context.Display}", input[0] * height * width);
        return new Shape([input[0], (int)height, (int)width]);
    }

    /// <summary>The kernels' size arguments: the input's channels, height and width, then the four sides.</summary>
    private string Sizes(NodeEmitContext context)
    {
        Shape input = context.InputShape(0);
        return $"batch, channels: {input[0]}, height: {input[1]}, width: {input[2]}, top: {Top}, bottom: {Bottom}, left: {Left}, right: {Right}";
    }

    public override void EmitForward(NodeEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.{Kind}.Forward<{context.T}>({context.Input(0)}, {context.Output}, {Sizes(context)});");

    public override void EmitBackward(NodeEmitContext context)
    {
        context.Writer.Line(Crop
            ? $"// dx {(context.Accumulates(0) == "true" ? "+=" : "=")} dy inside the kept area, 0 where the input was cropped away"
            : $"// dx {(context.Accumulates(0) == "true" ? "+=" : "=")} dy without its zero border");
        context.Writer.Line($"global::Precast.Kernels.{Kind}.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(0)}, {Sizes(context)}, accumulate: {context.Accumulates(0)});");
    }
}
