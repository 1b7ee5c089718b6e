using Microsoft.CodeAnalysis;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>[Relu]: y = max(x, 0). Backward reads y: y &gt; 0 exactly where x &gt; 0.</summary>
internal sealed record ReluLayer(string Name, SourceSpan? Location) : ElementwiseLayer(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, string name, SourceSpan? location) => new ReluLayer(name, location);

    public override string Kind => "Relu";

    public override string Formula => "y = max(x, 0)";

    protected override string KernelClass => "Relu";

    protected override string Derivative => "dx = dy where y > 0, else 0";

    public override BackwardInputs BackwardReads => BackwardInputs.Output;
}
