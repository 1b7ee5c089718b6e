using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Precast.Generator.Diagnostics;
using Precast.Generator.Model;

namespace Precast.Generator.Parsing;

/// <summary>
/// Reads the model's class declaration: its names, members, base class and documentation, and
/// reports every way the declaration cannot take a generated partial half (not partial, generic,
/// static, a record, file-local, a primary constructor, a base class the generated constructor
/// cannot call). Those problems are reported on the user's declaration, never left to surface as
/// compiler errors inside the generated file.
/// </summary>
internal static class DeclarationReader
{
    public const string ModelAttributeName = "Precast.ModelAttribute";

    public static TypeDeclaration Read(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        int before = diagnostics.Count;
        CheckPartialAndGeneric(type, declaration, diagnostics);
        CheckKind(type, declaration, diagnostics);
        BaseTypeInfo? baseType = ReadBaseType(type, declaration, diagnostics, cancellationToken);
        CheckConstructors(type, declaration, diagnostics);
        (bool summary, bool remarks) = ReadDocumentation(type);

        return new TypeDeclaration(
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : NamespaceName(type.ContainingNamespace),
            ContainingTypes: ContainingTypes(type).ToEquatableArray(),
            ClassName: type.Name,
            Identifier: SourceSpan.From(declaration.Identifier),
            Members: UserMembers(type, cancellationToken).ToEquatableArray(),
            BaseType: baseType,
            HasSummary: summary,
            HasRemarks: remarks,
            IsExtensible: diagnostics.Count == before);
    }

    /// <summary>The namespace's parts as written, without '@': int.App.</summary>
    private static string NamespaceName(INamespaceSymbol symbol)
    {
        var parts = new List<string>();
        for (INamespaceSymbol? current = symbol; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
            parts.Insert(0, current.Name);
        return string.Join(".", parts);
    }

    /// <summary>The class and every type around it must be partial and not generic.</summary>
    private static void CheckPartialAndGeneric(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
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

    /// <summary>Only a plain class can take the generated half: not static, not a record, not file-local.</summary>
    private static void CheckKind(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        SourceSpan location = SourceSpan.From(declaration.Identifier);
        if (type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedDeclaration, location, type.Name,
                "is a static class, but a model has instance members (its buffers, Forward, TrainStep)", "remove 'static'"));
        }
        if (type.IsRecord)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedDeclaration, location, type.Name,
                "is a record, whose generated copy and equality members would share and compare the model's buffers",
                "declare it as a 'partial class'"));
        }
        INamedTypeSymbol? fileLocal = type.IsFileLocal ? type : Containers(type).FirstOrDefault(t => t.IsFileLocal);
        if (fileLocal is not null)
        {
            string what = SymbolEqualityComparer.Default.Equals(fileLocal, type)
                ? "is a file-local type"
                : $"is nested in the file-local type '{fileLocal.Name}'";
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedDeclaration, location, type.Name,
                $"{what}, but its generated half is another file, which cannot see it", "remove the 'file' modifier"));
        }
    }

    private static IEnumerable<INamedTypeSymbol> Containers(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            yield return outer;
    }

    /// <summary>
    /// The generated constructor is <c>Model(int maxBatch, ulong seed = 0)</c>: no primary
    /// constructor may demand to be called instead, and no user constructor may have its signature.
    /// </summary>
    private static void CheckConstructors(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: { } parameters })
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedDeclaration, SourceSpan.From(parameters), type.Name,
                    $"has a primary constructor, which every other constructor must call, but the generated constructor {type.Name}(int maxBatch, ulong seed = 0) cannot know its arguments",
                    "remove the parameter list and keep what it held in fields or properties"));
                return;
            }
        }
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared || constructor.Parameters.Length != 2
                || constructor.Parameters[0].Type.SpecialType != SpecialType.System_Int32
                || constructor.Parameters[1].Type.SpecialType != SpecialType.System_UInt64)
                continue;
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedDeclaration,
                SourceSpan.From(constructor.Locations.FirstOrDefault(l => l.IsInSource)) ?? SourceSpan.From(declaration.Identifier), type.Name,
                "declares a constructor (int, ulong), the signature of the constructor Precast generates",
                "remove it, or change its parameters"));
        }
    }

    /// <summary>
    /// The base class must offer the generated constructor an accessible parameterless constructor,
    /// and must not be a model itself. Its visible member names are kept so that generated members
    /// never hide them silently.
    /// </summary>
    private static BaseTypeInfo? ReadBaseType(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? baseType = type.BaseType;
        if (baseType is null || baseType.SpecialType == SpecialType.System_Object || baseType.TypeKind == TypeKind.Error)
            return null;

        SourceSpan? location = BaseTypeLocation(type, baseType, cancellationToken) ?? SourceSpan.From(declaration.Identifier);
        string name = baseType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (IsModel(baseType))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedDeclaration, location, type.Name,
                $"derives from '{name}', which is a Precast model too, and a model's generated members cannot be overridden",
                "derive from another class, or declare all the layers on one model"));
        }
        else if (!baseType.InstanceConstructors.Any(c => c.Parameters.All(p => p.IsOptional || p.IsParams) && IsAccessibleFromDerived(c)))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedDeclaration, location, type.Name,
                $"derives from '{name}', which has no accessible constructor without arguments for the generated constructor {type.Name}(int maxBatch, ulong seed = 0) to call",
                $"give '{name}' such a constructor (it may be protected), or derive from another class"));
        }

        var members = new List<UserMember>();
        for (INamedTypeSymbol? current = baseType; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member.CanBeReferencedByName && IsAccessibleFromDerived(member))
                    members.Add(Describe(member));
            }
        }
        return new BaseTypeInfo(name, location, members.Distinct().ToEquatableArray());
    }

    private static bool IsAccessibleFromDerived(ISymbol member) =>
        member.DeclaredAccessibility is not (Accessibility.Private or Accessibility.NotApplicable);

    public static bool IsModel(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName);

    private static SourceSpan? BaseTypeLocation(INamedTypeSymbol type, INamedTypeSymbol baseType, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList: { } baseList } && baseList.Types.Count > 0)
                return SourceSpan.From(baseList.Types[0]);
        }
        return null;
    }

    /// <summary>Everything the user declared on the class that a generated member could clash with.</summary>
    private static IEnumerable<UserMember> UserMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!member.IsImplicitlyDeclared && member.CanBeReferencedByName)
                yield return Describe(member);
        }
    }

    /// <summary>A member as the clash check sees it: name, kind, and for a method its signature.</summary>
    private static UserMember Describe(ISymbol member)
    {
        string kind = member switch
        {
            IMethodSymbol => "method",
            IPropertySymbol => "property",
            IFieldSymbol => "field",
            IEventSymbol => "event",
            INamedTypeSymbol => "nested type",
            _ => "member",
        };
        // Overloads differ in parameter types (not in ref, in or out) or in type parameters.
        string? signature = member is IMethodSymbol method
            ? MemberNames.Signature(method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)), method.TypeParameters.Length)
            : null;
        return new UserMember(member.Name, kind, signature, SourceSpan.From(member.Locations.FirstOrDefault(l => l.IsInSource)));
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

    /// <summary>
    /// Whether the user's documentation comments on the class already hold a summary or remarks.
    /// Read from the trivia, which works whether or not the project generates a documentation file.
    /// </summary>
    private static (bool Summary, bool Remarks) ReadDocumentation(INamedTypeSymbol type)
    {
        bool summary = false, remarks = false;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            foreach (SyntaxTrivia trivia in reference.GetSyntax().GetLeadingTrivia())
            {
                string text = trivia.ToFullString();
                if (!text.TrimStart().StartsWith("///", System.StringComparison.Ordinal) && !trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
                    && !trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                    continue;
                summary |= text.Contains("<summary");
                remarks |= text.Contains("<remarks");
            }
        }
        return (summary, remarks);
    }
}
