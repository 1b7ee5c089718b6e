using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>[Scale(typeof(G))]: y = x · G(x), G's output broadcast over x's trailing axes (squeeze-and-excitation).</summary>
internal sealed record ScaleComposition(string Name, SourceSpan? Location, BlockRef Gate) : CompositionSpec(Name, Location)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new ScaleComposition(context.Name, context.Location, context.Block(AttributeReader.ConstructorArgument(attribute, 0)));

    public override string Kind => "Scale";

    public override int? Expand(GraphBuilder graph, int input)
    {
        int? gate = graph.Block(Gate, input, childName: null);
        return gate is null ? null : graph.Join(new ScaleLayer(Name, Location, Gate.Name), [input, gate.Value]);
    }
}
