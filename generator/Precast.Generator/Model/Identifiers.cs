using Microsoft.CodeAnalysis.CSharp;

namespace Precast.Generator.Model;

/// <summary>
/// How names from the user's declaration are written back into C#. A class may be named with a
/// keyword (<c>@return</c>, <c>@record</c>); the symbol's name drops the '@', so the emitter must
/// put it back wherever the name is code rather than text.
/// </summary>
internal static class Identifiers
{
    /// <summary>
    /// The identifier as code: <c>@return</c> for a keyword, and <c>@lower</c> for a name of lower-case
    /// letters only, which the compiler warns may become a keyword (CS8981): the user has that
    /// warning on their own declaration already, and the '@' keeps the generated file from repeating it.
    /// </summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None || IsLowerCaseAscii(name)
            ? "@" + name
            : name;

    private static bool IsLowerCaseAscii(string name)
    {
        foreach (char c in name)
        {
            if (c is < 'a' or > 'z')
                return false;
        }
        return name.Length > 0;
    }

    /// <summary>A dotted name (a namespace) with every part escaped: <c>@int.App</c>.</summary>
    public static string EscapeDotted(string dotted)
    {
        string[] parts = dotted.Split('.');
        for (int i = 0; i < parts.Length; i++)
            parts[i] = Escape(parts[i]);
        return string.Join(".", parts);
    }
}
