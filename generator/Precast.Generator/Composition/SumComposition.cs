using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>[Sum(typeof(A), typeof(B), ...)]: y = A(x) + B(x) + ..., branches named by index or Names.</summary>
internal sealed record SumComposition(string Name, SourceSpan? Location, EquatableArray<BlockRef> Branches, EquatableArray<string> BranchNames)
    : CompositionSpec(Name, Location)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new SumComposition(context.Name, context.Location, Composition.Branches.Read(attribute, context), Composition.Branches.Names(attribute));

    public override string Kind => "Sum";

    public override int? Expand(GraphBuilder graph, int input)
    {
        var outputs = Composition.Branches.Expand(graph, this, Branches, BranchNames, input);
        if (outputs is null)
            return null;
        return graph.Join(new SumLayer(Name, Location, Kind, null, System.Linq.Enumerable.Select(Branches, b => b.Name).ToEquatableArray()), outputs);
    }
}
