using Microsoft.CodeAnalysis;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>[Tanh]: y = tanh(x). Backward reads y: dy/dx = 1 − y².</summary>
internal sealed record TanhLayer(string Name, SourceSpan? Location) : ElementwiseLayer(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) => new TanhLayer(context.Name, context.Location);

    public override string Kind => "Tanh";

    public override string Formula => "y = tanh(x)";

    protected override string KernelClass => "Tanh";

    public override string Derivative => "dx = dy·(1 − y²)";

    public override BackwardInputs BackwardReads => BackwardInputs.Output;
}
