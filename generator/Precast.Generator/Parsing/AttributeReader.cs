using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Precast.Generator.Parsing;

/// <summary>
/// Reads constructor and named arguments off an <see cref="AttributeData"/>. Every reader tolerates
/// an argument that is missing or of another type (it returns the fallback): an attribute the
/// compiler could not bind has such arguments, and parsing it must not throw before
/// <see cref="HasErrors"/> tells the caller to leave it to the compiler.
/// </summary>
internal static class AttributeReader
{
    /// <summary>The constructor argument at <paramref name="index"/>, or <paramref name="fallback"/>.</summary>
    public static T Constructor<T>(AttributeData attribute, int index, T fallback) =>
        Scalar(ConstructorArgument(attribute, index)) is T value ? value : fallback;

    /// <summary>
    /// The constructor argument at <paramref name="index"/>, or an empty (error) constant when the
    /// compiler bound fewer arguments: its <see cref="TypedConstant.Value"/> is null.
    /// </summary>
    public static TypedConstant ConstructorArgument(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[index] : default;

    /// <summary>The named argument <paramref name="name"/>, or <paramref name="fallback"/> when it is not set.</summary>
    public static T Named<T>(AttributeData attribute, string name, T fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && Scalar(argument.Value) is T value)
                return value;
        }
        return fallback;
    }

    /// <summary>The named argument <paramref name="name"/>, or null when the attribute does not set it (a default the generator works out).</summary>
    public static T? NamedOrNull<T>(AttributeData attribute, string name)
        where T : struct
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
                return value;
        }
        return null;
    }

    /// <summary>An int[] constructor argument (<c>params int[] shape</c>), or an empty array.</summary>
    public static int[] ConstructorIntArray(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index] is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value is int i ? i : 0).ToArray()
            : [];

    /// <summary>A Type named argument (<c>Projection = typeof(P)</c>), or null when it is not set.</summary>
    public static TypedConstant? NamedType(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Type && !argument.Value.IsNull)
                return argument.Value;
        }
        return null;
    }

    /// <summary>A string[] named argument (<c>Names = ["A", "B"]</c>), or null when it is not set.</summary>
    public static string[]? NamedStringArray(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
                return argument.Value.Values.Select(v => Scalar(v) as string ?? "").ToArray();
        }
        return null;
    }

    /// <summary>An int[] named argument (<c>Input = [1, 28, 28]</c>), or null when it is not set.</summary>
    public static int[]? NamedIntArray(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
                return argument.Value.Values.Select(v => Scalar(v) is int i ? i : 0).ToArray();
        }
        return null;
    }

    /// <summary>The value of a constant that is not an array (whose <see cref="TypedConstant.Value"/> throws), else null.</summary>
    public static object? Scalar(TypedConstant constant) => constant.Kind == TypedConstantKind.Array ? null : constant.Value;

    /// <summary>
    /// True when the compiler has an error on any attribute of <paramref name="type"/> (see
    /// <see cref="HasErrors"/>): a model, a block, or a class used as one, then waits for it.
    /// </summary>
    public static bool AnyHasErrors(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken) =>
        type.GetAttributes().Any(a => HasErrors(a, compilation, cancellationToken));

    /// <summary>True when the attribute's type does not resolve (<c>[Blcok]</c>, <c>[Mdoel]</c>): it may be the Precast attribute the user meant.</summary>
    public static bool DoesNotResolve(AttributeData attribute) => attribute.AttributeClass is null or { TypeKind: TypeKind.Error };

    /// <summary>
    /// True when the compiler has an error on the attribute (an unknown attribute, a misspelt or
    /// repeated named argument, a syntax error, an argument of the wrong type): it reports those
    /// itself. Checked through the compiler's own diagnostics for the attribute's span, since some
    /// of these leave no trace in <see cref="AttributeData"/> (a misspelt named argument is dropped).
    /// </summary>
    public static bool HasErrors(AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        if (DoesNotResolve(attribute) || attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            return true;
        SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        if (syntax is null)
            return false;
        if (syntax.ContainsDiagnostics && syntax.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            return true;
        // The attribute list's brackets belong to the list, not the attribute: include them.
        SyntaxNode scope = syntax.Parent ?? syntax;
        return compilation.GetSemanticModel(syntax.SyntaxTree)
            .GetDiagnostics(scope.Span, cancellationToken)
            .Any(d => d.Severity == DiagnosticSeverity.Error);
    }
}
