using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>[Softmax]: each sample's vector becomes probabilities, max-subtracted for stability.</summary>
internal sealed record SoftmaxLayer(string Name, SourceSpan? Location) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, string name, SourceSpan? location) => new SoftmaxLayer(name, location);

    public override string Kind => "Softmax";

    public override string Formula => "y_i = exp(x_i − max x) / Σ_j exp(x_j − max x)";

    public override BackwardInputs BackwardReads => BackwardInputs.Output;

    public override bool UsesBatch => true;

    public override Shape? InferShape(Shape input, ShapeContext context) =>
        input.Rank == 1 ? input : context.Report(Diagnostics.Descriptors.NeedsVectorInput, Location, Display, context.Producer, input.ToString());

    public override void EmitForward(LayerEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.Softmax.Forward<{context.T}>(x, y, batch, {context.OutputLength});");

    public override void EmitBackward(LayerEmitContext context)
    {
        context.Writer.Line("// dx_i = y_i·(dy_i − Σ_j dy_j·y_j), per sample");
        context.Writer.Line($"global::Precast.Kernels.Softmax.Backward<{context.T}>(y, dy, dx, batch, {context.OutputLength});");
    }
}
