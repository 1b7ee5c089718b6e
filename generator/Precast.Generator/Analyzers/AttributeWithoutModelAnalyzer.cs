using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Precast.Generator.Diagnostics;
using Precast.Generator.Parsing;

namespace Precast.Generator.Analyzers;

/// <summary>
/// Layer, composition and loss attributes do nothing on a class without [Model] or [Block]: the
/// generator never looks at it. A validation-only rule, so it is an analyzer beside the generator rather than a generator
/// step that would have to inspect every attributed class in the project.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttributeWithoutModelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.AttributeWithoutModel);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attributes = type.GetAttributes();
        if (attributes.Length == 0 || DeclarationReader.IsModel(type) || BlockReader.IsBlock(type))
            return;
        // An attribute whose type does not resolve may be the [Model] or [Block] the user meant
        // ([Mdoel], [Blcok]): the compiler's error on it is the one to fix first.
        if (attributes.Any(AttributeReader.DoesNotResolve))
            return;
        // Reported once per class, on its first Precast attribute in source order.
        AttributeData? first = attributes
            .Where(a => a.ApplicationSyntaxReference is not null && ItemReader.IsListAttribute(a))
            .OrderBy(a => a.ApplicationSyntaxReference!.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference!.Span.Start)
            .FirstOrDefault();
        if (first is null)
            return;
        string name = first.AttributeClass!.Name;
        string attribute = "[" + (name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name) + "]";
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AttributeWithoutModel,
            first.ApplicationSyntaxReference!.GetSyntax(context.CancellationToken).GetLocation(),
            attribute, type.Name));
    }
}
