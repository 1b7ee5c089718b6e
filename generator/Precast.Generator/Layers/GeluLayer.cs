using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Gelu]: y = x·Φ(x) with the exact normal CDF, or the tanh approximation with
/// Approximate = true. Backward reads x.
/// </summary>
internal sealed record GeluLayer(string Name, SourceSpan? Location, bool Approximate) : ElementwiseLayer(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new GeluLayer(context.Name, context.Location, AttributeReader.Named(attribute, "Approximate", false));

    public override string Kind => "Gelu";

    public override string Formula => Approximate
        ? "y = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))"
        : "y = x·Φ(x), Φ(x) = (1 + erf(x/√2)) / 2";

    protected override string KernelClass => "Gelu";

    public override string Derivative => Approximate
        ? "dx = dy·d/dx[0.5·x·(1 + tanh(u))], u = √(2/π)·(x + 0.044715·x³)"
        : "dx = dy·(Φ(x) + x·φ(x))";

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    // GELU is a smooth rectifier: near zero for negative inputs, near the identity for positive ones.
    public override bool PrefersHeInitialization => true;

    protected override string ExtraArguments(NodeEmitContext context) => $", approximate: {(Approximate ? "true" : "false")}";
}
