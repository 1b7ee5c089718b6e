using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// The join of [Highway]: y = H(x)·T(x) + x·(1 − T(x)), computed as x + T·(H − x). Inputs: the
/// transform H(x), the gate T(x), and x.
/// </summary>
/// <param name="Name">The composition's name.</param>
/// <param name="Location">The composition's attribute.</param>
/// <param name="Transform">The transform block's name, for messages.</param>
/// <param name="Gate">The gate block's name, for messages.</param>
internal sealed record HighwayLayer(string Name, SourceSpan? Location, string Transform, string Gate) : LayerSpec(Name, Location)
{
    public override string Kind => "Highway";

    public override int InputCount => 3;

    public override string Formula => $"y = H(x)·T(x) + x·(1 − T(x)), H = {Transform}, T = {Gate}";

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    public override Shape? InferShape(IReadOnlyList<Shape> inputs, ShapeContext context)
    {
        if (inputs.All(shape => shape.Equals(inputs[2])))
            return inputs[2];
        string shapes = $"the transform '{Transform}' produces {inputs[0]}, the gate '{Gate}' {inputs[1]}, the input is {inputs[2]}";
        return context.Report(Diagnostics.Descriptors.ShapesDiffer, context.Display, "mixes", shapes,
            $"H(x), T(x) and x must have one shape, so make both blocks end with a layer of {inputs[2]} outputs");
    }

    public override void EmitForward(NodeEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.Highway.Forward<{context.T}>({context.Input(0)}, {context.Input(1)}, {context.Input(2)}, {context.Output});");

    public override void EmitBackward(NodeEmitContext context)
    {
        string Gradient(int i) => context.NeedsInputGradient(i) ? context.InputGradient(i) : "default";
        context.Writer.Line("// dH = dy·T, dT = dy·(H − x), dx = dy·(1 − T)");
        context.Writer.Line(
            $"global::Precast.Kernels.Highway.Backward<{context.T}>({context.Input(0)}, {context.Input(1)}, {context.Input(2)}, {context.OutputGradient}, " +
            $"{Gradient(0)}, {Gradient(1)}, {Gradient(2)}, accumulateDh: {context.Accumulates(0)}, accumulateDt: {context.Accumulates(1)}, accumulateDx: {context.Accumulates(2)});");
    }
}
