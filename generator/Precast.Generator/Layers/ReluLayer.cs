using Microsoft.CodeAnalysis;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>[Relu]: y = max(x, 0). Backward reads y: y &gt; 0 exactly where x &gt; 0.</summary>
internal sealed record ReluLayer(string Name, SourceSpan? Location) : ElementwiseLayer(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) => new ReluLayer(context.Name, context.Location);

    public override string Kind => "Relu";

    public override string Formula => "y = max(x, 0)";

    protected override string KernelClass => "Relu";

    public override string Derivative => "dx = dy where y > 0, else 0";

    public override BackwardInputs BackwardReads => BackwardInputs.Output;

    public override bool PrefersHeInitialization => true;
}
