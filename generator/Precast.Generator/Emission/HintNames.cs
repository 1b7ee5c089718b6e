using System.Linq;
using System.Text;
using Precast.Generator.Model;

namespace Precast.Generator.Emission;

/// <summary>
/// File names for generated sources. Roslyn accepts only some characters in a hint name and
/// compares hint names ignoring case (so do some file systems), while C# names may hold keywords
/// escaped with '@', letters of any script, and may differ only in case (App.Model and App.model).
/// Each name keeps ASCII letters, digits, '_' and '.', the rest become '_', and names that then
/// collide ignoring case are told apart by their rank among the colliding full names: ".2".
/// </summary>
internal static class HintNames
{
    /// <param name="fullName">The model's full name (namespace, containing types, class).</param>
    /// <param name="allFullNames">The full names of every model in the compilation.</param>
    public static string For(string fullName, EquatableArray<string> allFullNames)
    {
        string hint = Sanitize(fullName);
        var colliding = allFullNames
            .Distinct()
            .Where(other => string.Equals(Sanitize(other), hint, System.StringComparison.OrdinalIgnoreCase))
            .OrderBy(other => other, System.StringComparer.Ordinal)
            .ToList();
        // A segment of digits cannot come from a name (identifiers never start with a digit).
        int rank = colliding.IndexOf(fullName);
        return (colliding.Count > 1 && rank > 0 ? $"{hint}.{rank + 1}" : hint) + ".g.cs";
    }

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
            text.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' ? c : '_');
        return text.ToString();
    }
}
