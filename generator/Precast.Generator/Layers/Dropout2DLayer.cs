using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Dropout2D(rate)]: nn.Dropout2d. Training zeroes whole channels of a [C, ...] sample with
/// probability rate and scales the others by 1/(1 − rate), remembering one mask value per channel
/// and sample for Backward; inference is the identity.
/// </summary>
internal sealed record Dropout2DLayer(string Name, SourceSpan? Location, double Rate) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new Dropout2DLayer(context.Name, context.Location, AttributeReader.Constructor(attribute, 0, 0.0));

    public override string Kind => "Dropout2D";

    public override string Formula =>
        $"training: y[n, c, ·] = x[n, c, ·]·m[n, c], m = 0 with probability {Literals.Readable(Rate)}, else 1/(1 − {Literals.Readable(Rate)}); inference: y = x";

    public override bool DependsOnTrainingMode => true;

    public override bool DrawsRandomNumbers => true;

    protected override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (input.Rank < 2)
        {
            return context.Report(Diagnostics.Descriptors.WrongRank, context.Display, "[channels, ...]", context.Producer, input.ToString(),
                "use [Dropout] to drop single values of a vector");
        }
        return DropoutLayer.CheckRate(Rate, context) ? input : null;
    }

    public override IEnumerable<BufferSpec> GetBuffers(IReadOnlyList<Shape> inputs, Shape output)
    {
        yield return new BufferSpec("Mask", output[0], "the mask of the latest training pass: 0 or 1/(1 − rate) per channel");
    }

    private static string Sizes(NodeEmitContext context)
    {
        Shape input = context.InputShape(0);
        return $"batch, channels: {input[0]}, inner: {input.Length / input[0]}";
    }

    public override void EmitForward(NodeEmitContext context)
    {
        var w = context.Writer;
        w.Line("if (training)");
        w.Line($"    global::Precast.Kernels.Dropout2D.Forward<{context.T}>({context.Input(0)}, {context.Output}, {context.Buffer("Mask")}, {context.Literal(Rate)}, ref _rng, {Sizes(context)});");
        w.Line("else");
        w.Line($"    {context.Input(0)}.CopyTo({context.Output}); // inference: the identity");
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        var w = context.Writer;
        w.Line("// dx = dy·m with the channel mask of the forward pass; the identity if that pass was inference");
        w.Line("if (training)");
        w.Line($"    global::Precast.Kernels.Dropout2D.Backward<{context.T}>({context.Buffer("Mask")}, {context.OutputGradient}, {context.InputGradient(0)}, {Sizes(context)}, accumulate: {context.Accumulates(0)});");
        w.Line("else");
        w.Line($"    global::Precast.Kernels.Sum.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(0)}, accumulate: {context.Accumulates(0)});");
    }
}
