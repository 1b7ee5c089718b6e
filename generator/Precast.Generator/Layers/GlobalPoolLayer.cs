using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [GlobalAvgPool2D] and [GlobalMaxPool2D]: one value per channel of a [C, H, W] sample, its mean
/// or its largest value, giving [C] (the head of ResNet and the squeeze of squeeze-and-excitation).
/// The two differ only in the kernel and in what the backward step reads, so they share this file.
/// </summary>
internal sealed record GlobalPoolLayer(string Name, SourceSpan? Location, bool Max) : LayerSpec(Name, Location)
{
    public static LayerSpec ParseAverage(AttributeData attribute, ItemContext context) => new GlobalPoolLayer(context.Name, context.Location, Max: false);

    public static LayerSpec ParseMax(AttributeData attribute, ItemContext context) => new GlobalPoolLayer(context.Name, context.Location, Max: true);

    public override string Kind => Max ? "GlobalMaxPool2D" : "GlobalAvgPool2D";

    public override string Formula => Max ? "y[n, c] = max over i, j of x[n, c, i, j]" : "y[n, c] = mean over i, j of x[n, c, i, j]";

    // The maximum's position is found again in the input; the mean's gradient needs nothing but dy.
    public override BackwardInputs BackwardReads => Max ? BackwardInputs.Inputs : BackwardInputs.None;

    protected override Shape? InferShape(Shape input, ShapeContext context) =>
        RankHint.RequireImage(input, context, null) ? Shape.Vector(input[0]) : null;

    private static string Sizes(NodeEmitContext context)
    {
        Shape input = context.InputShape(0);
        return $"batch, channels: {input[0]}, inner: {input[1] * input[2]}";
    }

    public override void EmitForward(NodeEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.{Kind}.Forward<{context.T}>({context.Input(0)}, {context.Output}, {Sizes(context)});");

    public override void EmitBackward(NodeEmitContext context)
    {
        var w = context.Writer;
        string op = context.Accumulates(0) == "true" ? "+=" : "=";
        if (Max)
        {
            w.Line($"// dx[n, c, first maximum] {op} dy[n, c]; the rest of the channel gets nothing");
            w.Line($"global::Precast.Kernels.GlobalMaxPool2D.Backward<{context.T}>({context.Input(0)}, {context.OutputGradient}, {context.InputGradient(0)}, {Sizes(context)}, accumulate: {context.Accumulates(0)});");
        }
        else
        {
            Shape input = context.InputShape(0);
            w.Line($"// dx[n, c, i, j] {op} dy[n, c] / {input[1] * input[2]}");
            w.Line($"global::Precast.Kernels.GlobalAvgPool2D.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(0)}, {Sizes(context)}, accumulate: {context.Accumulates(0)});");
        }
    }
}
