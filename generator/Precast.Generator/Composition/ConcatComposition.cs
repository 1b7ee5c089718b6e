using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>[Concat(typeof(A), typeof(B), ...)]: the branches' outputs joined on the first axis, branches named by index or Names.</summary>
internal sealed record ConcatComposition(string Name, SourceSpan? Location, EquatableArray<BlockRef> Branches, EquatableArray<string> BranchNames)
    : CompositionSpec(Name, Location)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new ConcatComposition(context.Name, context.Location, Composition.Branches.Read(attribute, context), Composition.Branches.Names(attribute));

    public override string Kind => "Concat";

    public override int? Expand(GraphBuilder graph, int input)
    {
        var outputs = Composition.Branches.Expand(graph, this, Branches, BranchNames, input);
        if (outputs is null)
            return null;
        return graph.Join(new ConcatLayer(Name, Location, System.Linq.Enumerable.Select(Branches, b => $"block '{b.Name}'").ToEquatableArray()), outputs);
    }
}
