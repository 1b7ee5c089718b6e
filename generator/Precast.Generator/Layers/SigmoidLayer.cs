using Microsoft.CodeAnalysis;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>[Sigmoid]: y = 1 / (1 + exp(−x)). Backward reads y: dy/dx = y·(1 − y).</summary>
internal sealed record SigmoidLayer(string Name, SourceSpan? Location) : ElementwiseLayer(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) => new SigmoidLayer(context.Name, context.Location);

    public override string Kind => "Sigmoid";

    public override string Formula => "y = 1 / (1 + exp(−x))";

    protected override string KernelClass => "Sigmoid";

    public override string Derivative => "dx = dy·y·(1 − y)";

    public override BackwardInputs BackwardReads => BackwardInputs.Output;
}
