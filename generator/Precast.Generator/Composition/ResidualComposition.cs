using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>
/// [Residual(typeof(F), Projection = typeof(P))]: y = x + F(x), or y = P(x) + F(x) with a
/// projection. F's layers are named under the residual (<c>Res1.Dense1.weight</c>), P's under
/// <c>Res1.Projection</c>, as a PyTorch module with the same submodules names them.
/// </summary>
internal sealed record ResidualComposition(string Name, SourceSpan? Location, BlockRef Block, BlockRef? Projection)
    : CompositionSpec(Name, Location)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new ResidualComposition(
            context.Name,
            context.Location,
            context.Block(AttributeReader.ConstructorArgument(attribute, 0)),
            AttributeReader.NamedType(attribute, "Projection") is { } projection ? context.Block(projection) : null);

    public override string Kind => "Residual";

    public override int? Expand(GraphBuilder graph, int input)
    {
        int? branch = graph.Block(Block, input, childName: null);
        if (branch is null)
            return null;
        int? shortcut = Projection is null ? input : graph.Block(Projection, input, childName: "Projection");
        if (shortcut is null)
            return null;
        return graph.Join(new SumLayer(Name, Location, Kind, Projection?.Name, new[] { Block.Name }.ToEquatableArray()), [shortcut.Value, branch.Value]);
    }
}
