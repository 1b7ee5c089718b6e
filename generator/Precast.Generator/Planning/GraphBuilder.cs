using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Precast.Generator.Composition;
using Precast.Generator.Diagnostics;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// Expands a model's attribute list and the blocks it uses into one flat graph: every layer of
/// every block instance becomes a node with a hierarchical path (<c>Stage.0.Residual1.Dense1</c>),
/// in an order where each node comes after the nodes producing its inputs. Compositions add their
/// blocks' nodes and the node that joins them. Everything after this (shape inference, gradients,
/// memory planning, emission) walks the node list in order without recursion.
/// </summary>
/// <remarks>
/// A problem inside a block is reported on the attribute where the model uses the block (the
/// user's own code, where a fix starts), naming the inner layer by its path.
/// </remarks>
internal sealed class GraphBuilder
{
    /// <summary>The most nodes a model may expand to: beyond it the code would be too large to be useful (and slow to generate).</summary>
    public const int MaxNodes = 4096;

    private readonly ModelSpec _spec;
    private readonly Dictionary<string, BlockSpec> _blocks;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphTensor> _tensors = [];
    private readonly List<SummaryEntry> _summary = [];
    private readonly List<string> _pendingOpens = [];
    private Scope _scope = new("", null, "", 0);
    private bool _failed;

    private GraphBuilder(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        _spec = spec;
        _blocks = spec.Blocks.ToDictionary(b => b.Key, StringComparer.Ordinal);
        _diagnostics = diagnostics;
    }

    /// <summary>The graph of <paramref name="spec"/>, or null after reporting why it cannot be built.</summary>
    public static Graph? Build(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        var builder = new GraphBuilder(spec, diagnostics);
        int input = builder.NewTensor(producer: -1, "the model input");
        int? output = builder.ExpandItems(spec.Items, input, path: "", useSite: null, depth: 0);
        if (output is null || builder._failed)
            return null;
        return new Graph(builder._nodes, builder._tensors, input, output.Value, builder._summary);
    }

    /// <summary>How messages name the composition being expanded: <c>Repeat 'Stage'</c>, with its path.</summary>
    public string Display => _scope.Display;

    /// <summary>Reports a problem of the composition being expanded, on the attribute where the model uses it.</summary>
    public void Report(DiagnosticDescriptor descriptor, params object[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _scope.UseSite, arguments));

    /// <summary>
    /// Expands <paramref name="block"/> on tensor <paramref name="input"/> inside the composition being
    /// expanded, its layers named under <c>{composition}.{childName}</c> (or directly under the
    /// composition when <paramref name="childName"/> is null). Returns its output tensor, or null
    /// after reporting why the block cannot be used.
    /// </summary>
    public int? Block(BlockRef block, int input, string? childName)
    {
        if (_failed)
            return null;
        string user = _scope.Display;
        switch (block.Problem)
        {
            case BlockProblem.NotABlock:
                Report(Descriptors.NotABlock, user, block.Name);
                return null;
            case BlockProblem.Cycle:
                Report(Descriptors.BlockCycle, user, block.Name, block.Cycle);
                return null;
        }
        BlockSpec spec = _blocks[block.Key!];
        int before = _diagnostics.Count;
        foreach (DiagnosticInfo problem in spec.Problems)
            _diagnostics.Add(problem with { Location = _scope.UseSite });
        if (spec.HasLoss)
        {
            Report(Descriptors.BlockUnusable, user, spec.Name, "has a [Loss], but a block's output feeds the layers after it",
                $"remove [Loss] from '{spec.Name}'");
        }
        if (spec.Items.Count == 0)
            Report(Descriptors.BlockUnusable, user, spec.Name, "has no layers", $"give '{spec.Name}' layer attributes, such as [Dense(64), Relu]");
        if (_diagnostics.Count > before)
            return null;

        // A block named under the composition (a branch, a copy) is a row of its own in the summary,
        // its layers one level deeper; a residual's branch is the composition itself.
        if (childName is null)
            return ExpandItems(spec.Items, input, _scope.Path, _scope.UseSite, _scope.Depth);
        string what = int.TryParse(childName, out _) ? "copy" : "branch";
        int entry = OpenSummary(_scope.Depth, childName, spec.Name, $"{_scope.Display}, {what} {childName}: block {spec.Name}");
        int? output = ExpandItems(spec.Items, input, _scope.Path + "." + childName, _scope.UseSite, _scope.Depth + 1);
        CloseSummary(entry, output);
        return output;
    }

    /// <summary>
    /// Adds one layer of the composition being expanded, named <c>{composition}.{childName}</c> with a
    /// row of its own in the summary (SeparableConv2D's depthwise and pointwise steps).
    /// </summary>
    public int? Layer(LayerSpec layer, int input, string childName)
    {
        int entry = _summary.Count;
        _summary.Add(new SummaryEntry(_scope.Depth, childName, layer.Kind, _nodes.Count, -1, -1));
        int? output = AddNode(layer, [input], _scope.Path + "." + childName, _scope.UseSite);
        CloseSummary(entry, output);
        return output;
    }

    /// <summary>Adds the node that joins a composition's tensors, named by the composition's path.</summary>
    public int? Join(LayerSpec join, IReadOnlyList<int> inputs) => AddNode(join, inputs, _scope.Path, _scope.UseSite);

    private int? ExpandItems(IReadOnlyList<ItemSpec> items, int input, string path, SourceSpan? useSite, int depth)
    {
        if (!CheckNames(items, path, useSite))
            return null;
        int? current = input;
        foreach (ItemSpec item in items)
        {
            if (current is null || _failed)
                return null;
            string itemPath = Join(path, item.Name);
            SourceSpan? location = useSite ?? item.Location;
            if (item is LayerSpec layer)
            {
                int entry = _summary.Count;
                _summary.Add(new SummaryEntry(depth, item.Name, layer.Kind, _nodes.Count, -1, -1));
                current = AddNode(layer, [current.Value], itemPath, location);
                CloseSummary(entry, current);
                continue;
            }
            var composition = (CompositionSpec)item;
            Scope saved = _scope;
            _scope = new Scope(itemPath, location, $"{composition.Kind} '{itemPath}'", depth + 1);
            int compositionEntry = OpenSummary(depth, item.Name, composition.SummaryKind, $"{composition.Kind} '{itemPath}'");
            current = composition.Expand(this, current.Value);
            CloseSummary(compositionEntry, current);
            _scope = saved;
        }
        return current;
    }

    /// <summary>
    /// Checks the Names of the branches of the composition being expanded (<c>Sum1.Left</c>) as
    /// layer names are checked, reporting on the attribute where the model uses it. Numbers, which
    /// name branches without Names and Repeat's copies, are not identifiers, so no name given here
    /// can be mistaken for one.
    /// </summary>
    public bool CheckBranchNames(IReadOnlyList<string> names) =>
        CheckNames(names.Select(name => (name, _scope.UseSite, $"branch '{Join(_scope.Path, name)}'")), _scope.Path, "Branch", "Left");

    private bool CheckNames(IReadOnlyList<ItemSpec> items, string path, SourceSpan? useSite) =>
        CheckNames(items.Select(item => (item.Name, useSite ?? item.Location, $"{item.Kind} '{Join(path, item.Name)}'")), path, "Layer", "Hidden1");

    /// <summary>
    /// Names become paths and member names: each must be an identifier, unique in its list (ignoring case).
    /// </summary>
    /// <param name="names">Each name, where its problem is reported, and how a message names its owner: <c>Dense 'Hidden'</c>.</param>
    /// <param name="path">The path the names are under.</param>
    /// <param name="what">What is named, as messages say it: Layer, Branch.</param>
    /// <param name="example">A valid name to suggest.</param>
    private bool CheckNames(IEnumerable<(string Name, SourceSpan? Location, string Owner)> names, string path, string what, string example)
    {
        int before = _diagnostics.Count;
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, SourceSpan? location, string owner) in names)
        {
            string shown = Join(path, name);
            if (!Names.IsValid(name))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidLayerName, location, what, shown,
                    $"is not a valid name; use letters, digits and underscores, starting with a letter, for example \"{example}\""));
            }
            else if (seen.TryGetValue(name, out string? first))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidLayerName, location, what, shown,
                    $"is already used by {first}; each {what.ToLowerInvariant()} needs its own name (compared ignoring case)"));
            }
            else
            {
                seen.Add(name, owner);
            }
        }
        return _diagnostics.Count == before;
    }

    private int? AddNode(LayerSpec layer, IReadOnlyList<int> inputs, string path, SourceSpan? useSite)
    {
        if (_failed)
            return null;
        if (_nodes.Count >= MaxNodes)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.ModelTooLarge, _spec.ModelLocation, _spec.ClassName, MaxNodes));
            _failed = true;
            return null;
        }
        int output = NewTensor(_nodes.Count, $"{layer.Kind} '{path}'");
        _nodes.Add(new GraphNode(_nodes.Count, layer, path, inputs.ToArray(), output, useSite, [.. _pendingOpens]));
        _pendingOpens.Clear();
        return output;
    }

    private int NewTensor(int producer, string producerDisplay)
    {
        _tensors.Add(new GraphTensor(_tensors.Count, producer, producerDisplay));
        return _tensors.Count - 1;
    }

    /// <summary>Starts a summary row for a composition or block instance; its first node will carry <paramref name="banner"/> as a comment.</summary>
    private int OpenSummary(int depth, string name, string kind, string banner)
    {
        _pendingOpens.Add(banner);
        _summary.Add(new SummaryEntry(depth, name, kind, _nodes.Count, -1, -1));
        return _summary.Count - 1;
    }

    private void CloseSummary(int entry, int? output)
    {
        if (output is not null)
            _summary[entry] = _summary[entry] with { EndNode = _nodes.Count, Output = output.Value };
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>Where the expansion is: the current composition's path, the user's attribute, how composition messages name it, the summary depth.</summary>
    private sealed record Scope(string Path, SourceSpan? UseSite, string Display, int Depth);
}

/// <summary>The expanded graph: nodes in evaluation order, tensors by id.</summary>
/// <param name="Nodes">Every node, each after the producers of its inputs.</param>
/// <param name="Tensors">Every tensor; tensor <paramref name="Input"/> is the model input.</param>
/// <param name="Input">The model input's tensor.</param>
/// <param name="Output">The tensor the model outputs.</param>
/// <param name="Summary">The rows of the summary tree, in order, with the nodes each covers.</param>
internal sealed record Graph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphTensor> Tensors, int Input, int Output, IReadOnlyList<SummaryEntry> Summary);

/// <summary>One layer in the graph.</summary>
/// <param name="Index">Its position in evaluation order.</param>
/// <param name="Layer">The layer (or join) it applies.</param>
/// <param name="Path">Its hierarchical name: <c>Stage.0.Dense1</c>.</param>
/// <param name="Inputs">The tensors it reads.</param>
/// <param name="Output">The tensor it writes.</param>
/// <param name="UseSite">Where its problems are reported: its own attribute, or where the model uses its block.</param>
/// <param name="Opens">Comments for the blocks and compositions that start with this node.</param>
internal sealed record GraphNode(int Index, LayerSpec Layer, string Path, int[] Inputs, int Output, SourceSpan? UseSite, string[] Opens)
{
    /// <summary>How messages and comments name the node: <c>Dense 'Stage.0.Dense1'</c>.</summary>
    public string Display => $"{Layer.Kind} '{Path}'";
}

/// <summary>A tensor of the graph.</summary>
/// <param name="Id">Its index.</param>
/// <param name="Producer">The node that writes it, or -1 for the model input.</param>
/// <param name="ProducerDisplay">Who produces it, for messages.</param>
internal sealed record GraphTensor(int Id, int Producer, string ProducerDisplay);

/// <summary>A row of the summary tree before shapes are known.</summary>
/// <param name="Depth">Its indentation.</param>
/// <param name="Name">Its local name: Dense1, Stage, 0.</param>
/// <param name="Kind">Layer kind, composition (Repeat ×6) or block class.</param>
/// <param name="FirstNode">The first node it covers.</param>
/// <param name="EndNode">One past the last node it covers.</param>
/// <param name="Output">The tensor it produces.</param>
internal sealed record SummaryEntry(int Depth, string Name, string Kind, int FirstNode, int EndNode, int Output);
