using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Precast.Generator.Diagnostics;
using Precast.Generator.Losses;
using Precast.Generator.Model;

namespace Precast.Generator.Parsing;

/// <summary>
/// Turns a class marked [Model] into a <see cref="ModelSpec"/>: the only step that looks at
/// symbols and syntax. Everything after it works on plain data.
/// </summary>
internal static class ModelParser
{
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
        int[] input = [];
        var precision = Precision.Single;
        bool inputGradient = false;
        AttributeData? modelAttribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DeclarationReader.ModelAttributeName);
        if (modelAttribute is not null)
        {
            input = AttributeReader.NamedIntArray(modelAttribute, "Input") ?? [];
            precision = ReadPrecision(modelAttribute, type.Name, modelLocation, diagnostics);
            inputGradient = AttributeReader.Named(modelAttribute, "InputGradient", false);
        }

        // The compiler reports attribute arguments it cannot bind (a misspelt or repeated named
        // argument, a syntax error, a wrong type, a missing argument) itself, on the model or on a
        // block it uses; until they are fixed Precast adds nothing of its own, since it would be
        // reasoning about arguments the user did not mean. The model's own attributes are checked
        // before its layer list is read, so no parser sees an attribute the compiler rejected. What
        // did bind (the precision, the loss) still shapes the public surface emitted meanwhile.
        AttributeData? lossAttribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ItemReader.LossAttributeName);
        if (AttributeReader.AnyHasErrors(type, compilation, cancellationToken))
            return WaitingForTheCompiler(typeDeclaration, modelLocation, precision, inputGradient, lossAttribute, cancellationToken);

        var blocks = new BlockReader(compilation, type, cancellationToken);
        ItemList list = ItemReader.Read(type, modelAttribute, isModel: true, blocks, diagnostics, cancellationToken);
        if (blocks.HasBindingErrors)
            return WaitingForTheCompiler(typeDeclaration, modelLocation, precision, inputGradient, lossAttribute, cancellationToken);
        LossSpec? loss = list.Loss is { } modelLoss ? ReadLoss(modelLoss, Location(modelLoss, cancellationToken), diagnostics) : null;

        return new ModelSpec(
            Declaration: typeDeclaration,
            Input: input.ToEquatableArray(),
            Precision: precision,
            InputGradient: inputGradient,
            Items: list.Items,
            Blocks: blocks.Blocks,
            Loss: loss,
            ModelLocation: modelLocation,
            Diagnostics: diagnostics.ToEquatableArray(),
            HasBindingErrors: false);
    }

    /// <summary>The model's spec while the compiler has errors in attributes it uses: the public surface only, no diagnostics of Precast's own.</summary>
    private static ModelSpec WaitingForTheCompiler(
        TypeDeclaration typeDeclaration, SourceSpan? modelLocation, Precision precision, bool inputGradient, AttributeData? lossAttribute,
        CancellationToken cancellationToken) =>
        Empty(typeDeclaration, modelLocation) with
        {
            Precision = precision,
            InputGradient = inputGradient,
            // A [Loss] that does not bind has no kind: the surface is then an inference model's.
            Loss = lossAttribute is null ? null : LossCatalog.Create(AttributeReader.Constructor(lossAttribute, 0, -1), Location(lossAttribute, cancellationToken)),
            HasBindingErrors = true,
        };

    private static SourceSpan? Location(AttributeData attribute, CancellationToken cancellationToken) =>
        SourceSpan.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));

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

    /// <summary>Whether the attribute is one Precast reads: [Model], [Block], a layer, a composition, or [Loss].</summary>
    public static bool IsPrecastAttribute(AttributeData attribute) =>
        attribute.AttributeClass?.ToDisplayString() is DeclarationReader.ModelAttributeName or BlockReader.BlockAttributeName
        || ItemReader.IsListAttribute(attribute);

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
        declaration, EquatableArray<int>.Empty, Precision.Single, false, EquatableArray<ItemSpec>.Empty,
        EquatableArray<BlockSpec>.Empty, null, modelLocation, EquatableArray<DiagnosticInfo>.Empty, false);
}
