using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>
/// [Concat] and [Sum]: blocks run side by side on the same input, named by index or Names, their
/// outputs joined by the layer each kind supplies.
/// </summary>
internal abstract record BranchComposition(string Name, SourceSpan? Location, EquatableArray<BlockRef> Branches, EquatableArray<string> BranchNames)
    : CompositionSpec(Name, Location)
{
    /// <summary>The layer that joins the branches' outputs.</summary>
    protected abstract Layers.LayerSpec Join();

    public override int? Expand(GraphBuilder graph, int input)
    {
        var outputs = Composition.Branches.Expand(graph, this, Branches, BranchNames, input);
        return outputs is null ? null : graph.Join(Join(), outputs);
    }
}

/// <summary>The parallel branches of [Concat] and [Sum]: reading them, naming them, and expanding each on the shared input.</summary>
internal static class Branches
{
    /// <summary>The blocks of the attribute's <c>params Type[]</c> constructor argument.</summary>
    public static EquatableArray<BlockRef> Read(AttributeData attribute, ItemContext context)
    {
        TypedConstant argument = AttributeReader.ConstructorArgument(attribute, 0);
        IEnumerable<TypedConstant> types = argument.Kind == TypedConstantKind.Array ? argument.Values : Enumerable.Empty<TypedConstant>();
        return types.Select(context.Block).ToEquatableArray();
    }

    /// <summary>The Names argument, or empty: each branch is then named by its index.</summary>
    public static EquatableArray<string> Names(AttributeData attribute) =>
        (AttributeReader.NamedStringArray(attribute, "Names") ?? []).ToEquatableArray();

    /// <summary>Expands every branch on <paramref name="input"/>; null after reporting a problem.</summary>
    public static IReadOnlyList<int>? Expand(
        GraphBuilder graph, CompositionSpec composition, EquatableArray<BlockRef> branches, EquatableArray<string> names, int input)
    {
        string display = graph.Display;
        if (branches.Count < 2)
        {
            graph.Report(Descriptors.InvalidArgument, "The number of branches", display, branches.Count,
                "it joins two or more blocks, such as [" + composition.Kind + "(typeof(A), typeof(B))]");
            return null;
        }
        if (names.Count > 0 && names.Count != branches.Count)
        {
            graph.Report(Descriptors.InvalidArgument, "Names", display, $"{names.Count} names",
                $"give one name per branch ({branches.Count}), or none to name them 0, 1, ...");
            return null;
        }
        if (names.Count > 0 && !graph.CheckBranchNames(names))
            return null;
        var outputs = new List<int>();
        for (int i = 0; i < branches.Count; i++)
        {
            int? output = graph.Block(branches[i], input, childName: names.Count > 0 ? names[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (output is null)
                return null;
            outputs.Add(output.Value);
        }
        return outputs;
    }
}
