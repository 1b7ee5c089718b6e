using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [AvgPool2D(size)]: the mean of each window's values inside the input, per channel (padding not
/// counted: Keras, and nn.AvgPool2d with count_include_pad=False). The backward step spreads each
/// output gradient evenly over the input values of its window.
/// </summary>
internal sealed record AvgPool2DLayer(string Name, SourceSpan? Location, int WindowHeight, int WindowWidth, WindowOptions Window)
    : PoolingLayer(Name, Location, WindowHeight, WindowWidth, Window)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context)
    {
        var (height, width) = ReadWindow(attribute);
        return new AvgPool2DLayer(context.Name, context.Location, height, width, WindowOptions.Read(attribute));
    }

    public override string Kind => "AvgPool2D";

    public override string Formula => "y[n, c, i, j] = mean of the window's input values of x[n, c, ·, ·]";

    protected override string KernelClass => "AvgPool2D";

    public override void EmitBackward(NodeEmitContext context)
    {
        var w = context.Writer;
        w.Line($"// dx {(context.Accumulates(0) == "true" ? "+=" : "=")} each window's dy / (its input values), over the values it averaged");
        w.Line($"global::Precast.Kernels.AvgPool2D.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(0)}, {context.Member("Geometry")}, batch, accumulate: {context.Accumulates(0)});");
    }
}
