using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Dropout(rate)]: inverted dropout. Training zeroes each value with probability rate and scales
/// the rest by 1/(1 − rate), remembering the mask for Backward; inference is the identity.
/// </summary>
internal sealed record DropoutLayer(string Name, SourceSpan? Location, double Rate) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new DropoutLayer(context.Name, context.Location, AttributeReader.Constructor(attribute, 0, 0.0));

    public override string Kind => "Dropout";

    public override string Formula => $"training: y = x·m, m = 0 with probability {Literals.Readable(Rate)}, else 1/(1 − {Literals.Readable(Rate)}); inference: y = x";

    public override bool DependsOnTrainingMode => true;

    public override bool DrawsRandomNumbers => true;

    protected override Shape? InferShape(Shape input, ShapeContext context) => CheckRate(Rate, context) ? input : null;

    /// <summary>
    /// Checks a dropout rate as declared and as the model computes with it: 0.99999999 is below 1
    /// but rounds to 1 in float, and the survivors' scale 1/(1 − rate) would be infinite.
    /// </summary>
    public static bool CheckRate(double rate, ShapeContext context)
    {
        double computed = context.InPrecision(rate);
        if (rate >= 0 && rate < 1 && computed < 1)
            return true;
        context.Invalid("Rate", rate,
            $"it is the probability of dropping a value and must be at least 0 and less than 1 (as a {context.ElementType}), such as 0.5");
        return false;
    }

    public override IEnumerable<BufferSpec> GetBuffers(IReadOnlyList<Shape> inputs, Shape output)
    {
        yield return new BufferSpec("Mask", output.Length, "the mask of the latest training pass: 0 or 1/(1 − rate) per value");
    }

    public override void EmitForward(NodeEmitContext context)
    {
        var w = context.Writer;
        w.Line("if (training)");
        w.Line($"    global::Precast.Kernels.Dropout.Forward<{context.T}>({context.Input(0)}, {context.Output}, {context.Buffer("Mask")}, {context.Literal(Rate)}, ref _rng);");
        w.Line("else");
        w.Line($"    {context.Input(0)}.CopyTo({context.Output}); // inference: the identity");
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        var w = context.Writer;
        w.Line("// dx = dy·m with the mask of the forward pass; the identity if that pass was inference");
        w.Line("if (training)");
        w.Line($"    global::Precast.Kernels.Dropout.Backward<{context.T}>({context.Buffer("Mask")}, {context.OutputGradient}, {context.InputGradient(0)}, accumulate: {context.Accumulates(0)});");
        w.Line("else");
        w.Line($"    global::Precast.Kernels.Sum.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(0)}, accumulate: {context.Accumulates(0)});");
    }
}
