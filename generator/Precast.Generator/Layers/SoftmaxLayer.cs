using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>[Softmax]: each sample's vector becomes probabilities, max-subtracted for stability.</summary>
internal sealed record SoftmaxLayer(string Name, SourceSpan? Location) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) => new SoftmaxLayer(context.Name, context.Location);

    public override string Kind => "Softmax";

    public override string Formula => "y_i = exp(x_i − max x) / Σ_j exp(x_j − max x)";

    public override BackwardInputs BackwardReads => BackwardInputs.Output;

    protected override Shape? InferShape(Shape input, ShapeContext context) =>
        input.Rank == 1 ? input : context.Report(Diagnostics.Descriptors.NeedsVectorInput, context.Display, context.Producer, input.ToString());

    public override void EmitForward(NodeEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.Softmax.Forward<{context.T}>({context.Input(0)}, {context.Output}, batch, {context.OutputLength});");

    public override void EmitBackward(NodeEmitContext context)
    {
        context.Writer.Line("// dx_i = y_i·(dy_i − Σ_j dy_j·y_j), per sample");
        context.Writer.Line(
            $"global::Precast.Kernels.Softmax.Backward<{context.T}>({context.Output}, {context.OutputGradient}, {context.InputGradient(0)}, batch, {context.OutputLength}, accumulate: {context.Accumulates(0)});");
    }
}
