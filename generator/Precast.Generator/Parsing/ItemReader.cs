using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Precast.Generator.Diagnostics;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Parsing;

/// <summary>A class's layer list as read from its attributes: the items in order, the [Loss] if any.</summary>
/// <param name="Items">The layers and compositions, in source order.</param>
/// <param name="Loss">The [Loss] attribute, or null.</param>
internal sealed record ItemList(EquatableArray<ItemSpec> Items, AttributeData? Loss);

/// <summary>
/// Reads the layer and composition attributes of a model or block class in source order (that order
/// is the network), naming each one (its Name, or its kind and position: Dense2), and reports what
/// is wrong with the list itself: attributes spread over several partial declarations, layers after
/// the loss.
/// </summary>
internal static class ItemReader
{
    public const string LossAttributeName = "Precast.LossAttribute";

    /// <param name="type">The model or block class.</param>
    /// <param name="head">The class's [Model] attribute, which belongs on the same declaration as the list; null for a block.</param>
    /// <param name="isModel">
    /// The class is a [Model] (read as a model or used as a block), whose [Loss] is its own; a
    /// [Block] may have no [Loss] at all, which the block's user reports, so a layer after it is not
    /// reported again.
    /// </param>
    /// <param name="blocks">Reads the blocks the list's compositions use.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static ItemList Read(
        INamedTypeSymbol type, AttributeData? head, bool isModel, BlockReader blocks, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var attributes = type.GetAttributes()
            .Where(a => a.ApplicationSyntaxReference is not null && IsListAttribute(a))
            .OrderBy(a => a.ApplicationSyntaxReference!.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference!.Span.Start)
            .ToList();

        var declarations = attributes.Concat(head is null ? [] : [head])
            .Where(a => a.ApplicationSyntaxReference is not null)
            .Select(a => a.ApplicationSyntaxReference!.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
            .Distinct()
            .Count();
        if (declarations > 1)
        {
            AttributeData anchor = head ?? attributes[0];
            SourceSpan? location = SourceSpan.From(anchor.ApplicationSyntaxReference!.GetSyntax(cancellationToken));
            diagnostics.Add(isModel
                ? DiagnosticInfo.Create(Descriptors.LayersOnSeveralDeclarations, location, $"Model '{type.Name}'", "all of [Model], the layers and [Loss] onto one declaration")
                : DiagnosticInfo.Create(Descriptors.LayersOnSeveralDeclarations, location, $"Block '{type.Name}'", "all of its layers onto the declaration with [Block]"));
        }

        // Default names (Dense1, Relu2) skip names the user gave explicitly, so they never collide.
        var explicitNames = new HashSet<string>(
            attributes.Select(a => AttributeReader.Named<string?>(a, "Name", null)).OfType<string>(),
            StringComparer.OrdinalIgnoreCase);
        var kindCounts = new Dictionary<string, int>();
        var items = new List<ItemSpec>();
        AttributeData? loss = null;

        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SourceSpan? location = SourceSpan.From(attribute.ApplicationSyntaxReference!.GetSyntax(cancellationToken));
            if (attribute.AttributeClass!.ToDisplayString() == LossAttributeName)
            {
                loss = attribute;
                continue;
            }
            LayerCatalog.TryGet(attribute.AttributeClass.ToDisplayString(), out LayerCatalog.Entry entry);
            kindCounts.TryGetValue(entry.Kind, out int position);
            kindCounts[entry.Kind] = ++position;
            string name = AttributeReader.Named<string?>(attribute, "Name", null) ?? DefaultName(entry.Kind, kindCounts, explicitNames);
            ItemSpec item = entry.Parse(attribute, new ItemContext(name, location, blocks));
            // With attributes on several declarations their order is undefined (PC0011), so "after" means nothing.
            if (loss is not null && declarations == 1 && isModel)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayerAfterLoss, location, $"{item.Kind} '{item.Name}'"));
            items.Add(item);
        }
        return new ItemList(items.ToEquatableArray(), loss);
    }

    /// <summary>A layer, a composition, or the loss: the attributes that make up a layer list.</summary>
    public static bool IsListAttribute(AttributeData attribute)
    {
        string? name = attribute.AttributeClass?.ToDisplayString();
        return name == LossAttributeName || (name is not null && LayerCatalog.TryGet(name, out _));
    }

    // The kind and the layer's position among layers of that kind (Dense2 is the second Dense),
    // moved past any number whose name the user gave to another layer.
    private static string DefaultName(string kind, Dictionary<string, int> positions, HashSet<string> explicitNames)
    {
        int position = positions[kind];
        while (explicitNames.Contains(kind + position))
            position++;
        positions[kind] = position;
        return kind + position;
    }
}
