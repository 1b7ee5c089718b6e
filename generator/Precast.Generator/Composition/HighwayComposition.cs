using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>[Highway(typeof(H), typeof(T))]: y = H(x)·T(x) + x·(1 − T(x)); H named under Transform, T under Gate.</summary>
internal sealed record HighwayComposition(string Name, SourceSpan? Location, BlockRef Transform, BlockRef Gate) : CompositionSpec(Name, Location)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new HighwayComposition(context.Name, context.Location,
            context.Block(AttributeReader.ConstructorArgument(attribute, 0)), context.Block(AttributeReader.ConstructorArgument(attribute, 1)));

    public override string Kind => "Highway";

    public override int? Expand(GraphBuilder graph, int input)
    {
        int? transform = graph.Block(Transform, input, childName: "Transform");
        if (transform is null)
            return null;
        int? gate = graph.Block(Gate, input, childName: "Gate");
        if (gate is null)
            return null;
        return graph.Join(new HighwayLayer(Name, Location, Transform.Name, Gate.Name), [transform.Value, gate.Value, input]);
    }
}
