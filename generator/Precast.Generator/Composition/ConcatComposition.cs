using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Composition;

/// <summary>[Concat(typeof(A), typeof(B), ...)]: the branches' outputs joined on the first axis, branches named by index or Names.</summary>
internal sealed record ConcatComposition(string Name, SourceSpan? Location, EquatableArray<BlockRef> Branches, EquatableArray<string> BranchNames)
    : BranchComposition(Name, Location, Branches, BranchNames)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new ConcatComposition(context.Name, context.Location, Composition.Branches.Read(attribute, context), Composition.Branches.Names(attribute));

    public override string Kind => "Concat";

    protected override LayerSpec Join() =>
        new ConcatLayer(Name, Location, System.Linq.Enumerable.Select(Branches, b => $"block '{b.Name}'").ToEquatableArray());
}
