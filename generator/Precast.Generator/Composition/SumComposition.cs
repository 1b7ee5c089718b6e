using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Composition;

/// <summary>[Sum(typeof(A), typeof(B), ...)]: y = A(x) + B(x) + ..., branches named by index or Names.</summary>
internal sealed record SumComposition(string Name, SourceSpan? Location, EquatableArray<BlockRef> Branches, EquatableArray<string> BranchNames)
    : BranchComposition(Name, Location, Branches, BranchNames)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new SumComposition(context.Name, context.Location, Composition.Branches.Read(attribute, context), Composition.Branches.Names(attribute));

    public override string Kind => "Sum";

    protected override LayerSpec Join() =>
        new SumLayer(Name, Location, Kind, null, System.Linq.Enumerable.Select(Branches, b => b.Name).ToEquatableArray());
}
