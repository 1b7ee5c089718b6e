using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
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
    private const string LossAttributeName = "Precast.LossAttribute";

    /// <summary>
    /// The model declared by <paramref name="context"/>, or null when this is not the class's first
    /// declaration carrying [Model] (a class with [Model] on two partial declarations is one model,
    /// reported once; the compiler already reports the duplicate attribute).
    /// </summary>
    public static ModelSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        if (!IsFirstModelDeclaration(type, declaration, cancellationToken))
            return null;
        SourceSpan? modelLocation = SourceSpan.From(context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        var diagnostics = new List<DiagnosticInfo>();
        TypeDeclaration? typeDeclaration = null;
        try
        {
            typeDeclaration = DeclarationReader.Read(type, declaration, diagnostics, cancellationToken);
            return ParseModel(type, typeDeclaration, modelLocation, context.SemanticModel.Compilation, diagnostics, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The generator must never take the build down; say what happened instead.
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InternalError, modelLocation, type.Name, exception.Message));
            TypeDeclaration fallback = (typeDeclaration ?? MinimalDeclaration(type)) with { IsExtensible = false };
            return Empty(fallback, modelLocation) with { Diagnostics = diagnostics.ToEquatableArray() };
        }
    }

    private static ModelSpec ParseModel(
        INamedTypeSymbol type, TypeDeclaration typeDeclaration, SourceSpan? modelLocation, Compilation compilation,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // Attributes in source order: that order is the network.
        var attributes = type.GetAttributes()
            .Where(a => a.ApplicationSyntaxReference is not null && IsPrecastAttribute(a))
            .OrderBy(a => a.ApplicationSyntaxReference!.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference!.Span.Start)
            .ToList();

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

            if (metadataName == DeclarationReader.ModelAttributeName)
            {
                input = AttributeReader.NamedIntArray(attribute, "Input") ?? [];
                precision = ReadPrecision(attribute, type.Name, location, diagnostics);
                inputGradient = AttributeReader.Named(attribute, "InputGradient", false);
            }
            else if (metadataName == LossAttributeName)
            {
                loss = ReadLoss(attribute, location, diagnostics);
            }
            else if (LayerCatalog.TryGet(metadataName, out LayerCatalog.Entry entry))
            {
                kindCounts.TryGetValue(entry.Kind, out int position);
                kindCounts[entry.Kind] = ++position;
                string name = AttributeReader.Named<string?>(attribute, "Name", null) ?? DefaultName(entry.Kind, kindCounts, explicitNames);
                LayerSpec layer = entry.Parse(attribute, name, location);
                // With attributes on several declarations their order is undefined (PC0011), so "after" means nothing.
                if (loss is not null && declarations == 1)
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayerAfterLoss, location, layer.Display));
                layers.Add(layer);
            }
        }

        // The compiler reports attribute arguments it cannot bind (a misspelt or repeated named
        // argument, a syntax error, a wrong type) itself; until they are fixed Precast adds nothing
        // of its own, since it would be reasoning about arguments the user did not mean. What did
        // bind (the precision, the loss) still shapes the public surface emitted meanwhile.
        if (type.GetAttributes().Any(a => AttributeReader.HasErrors(a, compilation, cancellationToken)))
        {
            return Empty(typeDeclaration, modelLocation) with
            {
                Precision = precision,
                InputGradient = inputGradient,
                Loss = loss,
                HasBindingErrors = true,
            };
        }

        return new ModelSpec(
            Declaration: typeDeclaration,
            Input: input.ToEquatableArray(),
            Precision: precision,
            InputGradient: inputGradient,
            Layers: layers.ToEquatableArray(),
            Loss: loss,
            ModelLocation: modelLocation,
            Diagnostics: diagnostics.ToEquatableArray(),
            HasBindingErrors: false);
    }

    private static Precision ReadPrecision(AttributeData attribute, string model, SourceSpan? location, List<DiagnosticInfo> diagnostics)
    {
        int value = AttributeReader.Named(attribute, "Precision", 0);
        if (Enum.IsDefined(typeof(Precision), value))
            return (Precision)value;
        diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidArgument, location, "Precision", $"model '{model}'", value,
            $"it must be one of {EnumNames.List<Precision>()}"));
        return Precision.Single;
    }

    private static LossSpec? ReadLoss(AttributeData attribute, SourceSpan? location, List<DiagnosticInfo> diagnostics)
    {
        int kind = AttributeReader.Constructor(attribute, 0, -1);
        LossSpec? loss = LossCatalog.Create(kind, location);
        if (loss is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidArgument, location, "The kind", "[Loss]", kind,
                $"it must be one of {LossCatalog.KindList}"));
        }
        return loss;
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

    public static bool IsPrecastAttribute(AttributeData attribute)
    {
        string? name = attribute.AttributeClass?.ToDisplayString();
        return name is DeclarationReader.ModelAttributeName or LossAttributeName || (name is not null && LayerCatalog.TryGet(name, out _));
    }

    /// <summary>
    /// True when <paramref name="declaration"/> is the first of the class's declarations that carries
    /// [Model], in the order the attributes are read (file path, then position).
    /// </summary>
    private static bool IsFirstModelDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        SyntaxNode? first = type.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == DeclarationReader.ModelAttributeName && a.ApplicationSyntaxReference is not null)
            .Select(a => a.ApplicationSyntaxReference!)
            .OrderBy(r => r.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start)
            .Select(r => r.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
            .FirstOrDefault();
        return first is null || first == declaration;
    }

    private static TypeDeclaration MinimalDeclaration(INamedTypeSymbol type) => new(
        null, EquatableArray<ContainingType>.Empty, type.Name, null, EquatableArray<UserMember>.Empty, null, false, false, false);

    private static ModelSpec Empty(TypeDeclaration declaration, SourceSpan? modelLocation) => new(
        declaration, EquatableArray<int>.Empty, Precision.Single, false,
        EquatableArray<LayerSpec>.Empty, null, modelLocation, EquatableArray<DiagnosticInfo>.Empty, false);
}
