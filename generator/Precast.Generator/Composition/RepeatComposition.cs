using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>
/// [Repeat(typeof(B), n)]: n copies of B one after another, each with its own parameters, named
/// <c>{Name}.0</c> to <c>{Name}.{n − 1}</c> as an nn.Sequential of the block names them.
/// </summary>
internal sealed record RepeatComposition(string Name, SourceSpan? Location, BlockRef Block, int Count) : CompositionSpec(Name, Location)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context) =>
        new RepeatComposition(context.Name, context.Location,
            context.Block(AttributeReader.ConstructorArgument(attribute, 0)), AttributeReader.Constructor(attribute, 1, 0));

    public override string Kind => "Repeat";

    public override string SummaryKind => $"Repeat ×{Count}";

    public override int? Expand(GraphBuilder graph, int input)
    {
        if (Count < 1)
        {
            graph.Report(Descriptors.NonPositiveSize, "Count", graph.Display, Count);
            return null;
        }
        int? current = input;
        for (int copy = 0; copy < Count && current is not null; copy++)
            current = graph.Block(Block, current.Value, childName: copy.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return current;
    }
}
