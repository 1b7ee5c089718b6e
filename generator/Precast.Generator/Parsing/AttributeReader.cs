using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Precast.Generator.Parsing;

/// <summary>Reads constructor and named arguments off an <see cref="AttributeData"/>.</summary>
internal static class AttributeReader
{
    /// <summary>The constructor argument at <paramref name="index"/>, or <paramref name="fallback"/>.</summary>
    public static T Constructor<T>(AttributeData attribute, int index, T fallback) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Value is T value
            ? value
            : fallback;

    /// <summary>The named argument <paramref name="name"/>, or <paramref name="fallback"/> when it is not set.</summary>
    public static T Named<T>(AttributeData attribute, string name, T fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
                return value;
        }
        return fallback;
    }

    /// <summary>An int[] named argument (<c>Input = [1, 28, 28]</c>), or null when it is not set.</summary>
    public static int[]? NamedIntArray(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
                return argument.Value.Values.Select(v => v.Value is int i ? i : 0).ToArray();
        }
        return null;
    }

    /// <summary>True when the compiler could bind every argument; otherwise it has already reported why.</summary>
    public static bool IsWellFormed(AttributeData attribute) =>
        attribute.AttributeClass is { TypeKind: not TypeKind.Error }
        && attribute.AttributeConstructor is not null
        && attribute.ConstructorArguments.All(a => a.Kind != TypedConstantKind.Error)
        && attribute.NamedArguments.All(a => a.Value.Kind != TypedConstantKind.Error);
}
