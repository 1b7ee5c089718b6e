using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Precast.Generator.Diagnostics;
using Precast.Generator.Layers;
using Precast.Generator.Losses;
using Precast.Generator.Model;

namespace Precast.Generator.Parsing;

/// <summary>
/// Turns a class marked [Model] into a <see cref="ModelSpec"/>: the only step that looks at
/// symbols and syntax. Everything after it works on plain data.
/// </summary>
internal static class ModelParser
{
    private const string ModelAttributeName = "Precast.ModelAttribute";
    private const string LossAttributeName = "Precast.LossAttribute";

    public static ModelSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        SourceSpan? modelLocation = SourceSpan.From(context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        try
        {
            return ParseModel(type, declaration, modelLocation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The generator must never take the build down; say what happened instead.
            var diagnostic = DiagnosticInfo.Create(Descriptors.InternalError, modelLocation, type.Name, exception.Message);
            return Empty(type, modelLocation) with { Diagnostics = new[] { diagnostic }.ToEquatableArray() };
        }
    }

    private static ModelSpec ParseModel(INamedTypeSymbol type, ClassDeclarationSyntax declaration, SourceSpan? modelLocation, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        CheckDeclaration(type, declaration, diagnostics);

        // Attributes in source order: that order is the network.
        var attributes = type.GetAttributes()
            .Where(a => a.ApplicationSyntaxReference is not null && IsPrecastAttribute(a))
            .OrderBy(a => a.ApplicationSyntaxReference!.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference!.Span.Start)
            .ToList();

        if (attributes.Any(a => !AttributeReader.IsWellFormed(a)))
            return Empty(type, modelLocation) with { HasBindingErrors = true };

        var declarations = attributes
            .Select(a => a.ApplicationSyntaxReference!.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
            .Distinct()
            .Count();
        if (declarations > 1)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayersOnSeveralDeclarations, modelLocation, type.Name));

        // Default names (Dense1, Relu2) skip names the user gave explicitly, so they never collide.
        var explicitNames = new HashSet<string>(
            attributes.Select(a => AttributeReader.Named<string?>(a, "Name", null)).OfType<string>(),
            StringComparer.OrdinalIgnoreCase);

        int[] input = [];
        var precision = Precision.Single;
        bool inputGradient = false;
        var layers = new List<LayerSpec>();
        LossSpec? loss = null;
        var kindCounts = new Dictionary<string, int>();

        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string metadataName = attribute.AttributeClass!.ToDisplayString();
            SourceSpan? location = SourceSpan.From(attribute.ApplicationSyntaxReference!.GetSyntax(cancellationToken));

            if (metadataName == ModelAttributeName)
            {
                input = AttributeReader.NamedIntArray(attribute, "Input") ?? [];
                precision = (Precision)AttributeReader.Named(attribute, "Precision", 0);
                inputGradient = AttributeReader.Named(attribute, "InputGradient", false);
            }
            else if (metadataName == LossAttributeName)
            {
                loss = LossCatalog.Create(AttributeReader.Constructor(attribute, 0, -1), location);
            }
            else if (LayerCatalog.TryGet(metadataName, out LayerCatalog.Entry entry))
            {
                kindCounts.TryGetValue(entry.Kind, out int position);
                kindCounts[entry.Kind] = ++position;
                string name = AttributeReader.Named<string?>(attribute, "Name", null) ?? DefaultName(entry.Kind, kindCounts, explicitNames);
                LayerSpec layer = entry.Parse(attribute, name, location);
                if (loss is not null)
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayerAfterLoss, location, layer.Display));
                layers.Add(layer);
            }
        }

        return new ModelSpec(
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ContainingTypes(type).ToEquatableArray(),
            ClassName: type.Name,
            Input: input.ToEquatableArray(),
            Precision: precision,
            InputGradient: inputGradient,
            Layers: layers.ToEquatableArray(),
            Loss: loss,
            ModelLocation: modelLocation,
            Diagnostics: diagnostics.ToEquatableArray(),
            HasBindingErrors: false);
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

    private static bool IsPrecastAttribute(AttributeData attribute)
    {
        string? name = attribute.AttributeClass?.ToDisplayString();
        return name is ModelAttributeName or LossAttributeName || (name is not null && LayerCatalog.TryGet(name, out _));
    }

    /// <summary>The class and every type around it must be partial and not generic.</summary>
    private static void CheckDeclaration(INamedTypeSymbol type, ClassDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        SourceSpan location = SourceSpan.From(declaration.Identifier);
        var nonPartial = new List<string>();
        var generic = new List<string>();
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            nonPartial.Add(type.Name);
        if (type.TypeParameters.Length > 0)
            generic.Add(type.Name);
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            bool isPartial = outer.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
                nonPartial.Add(outer.Name);
            if (outer.TypeParameters.Length > 0)
                generic.Add(outer.Name);
        }
        if (nonPartial.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.ModelNotPartial, location, type.Name, Describe(type.Name, nonPartial)));
        if (generic.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.ModelIsGeneric, location, type.Name, Describe(type.Name, generic)));
    }

    // Names the offending types: "'Model'", "its containing type 'Outer'", or both.
    private static string Describe(string model, List<string> names)
    {
        var outer = names.Where(n => n != model).Select(n => $"'{n}'").ToList();
        string containing = outer.Count == 0 ? "" : $"its containing type{(outer.Count > 1 ? "s" : "")} {string.Join(" and ", outer)}";
        if (!names.Contains(model))
            return containing;
        return outer.Count == 0 ? $"'{model}'" : $"'{model}' and {containing}";
    }

    private static IEnumerable<ContainingType> ContainingTypes(INamedTypeSymbol type)
    {
        var types = new List<ContainingType>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            types.Insert(0, new ContainingType(Keyword(outer), outer.Name));
        return types;
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static ModelSpec Empty(INamedTypeSymbol type, SourceSpan? modelLocation) => new(
        null, EquatableArray<ContainingType>.Empty, type.Name, EquatableArray<int>.Empty, Precision.Single, false,
        EquatableArray<LayerSpec>.Empty, null, modelLocation, EquatableArray<DiagnosticInfo>.Empty, false);
}
