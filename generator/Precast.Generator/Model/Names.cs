using System.Text.RegularExpressions;

namespace Precast.Generator.Model;

/// <summary>
/// How layer names become C# member names: Pascal for members (ForwardHidden, HiddenWeight),
/// camel for fields (_hiddenOut). The suffixes keep generated names apart from each other and
/// from C# keywords.
/// </summary>
internal static class Names
{
    private static readonly Regex s_identifier = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static bool IsValid(string name) => s_identifier.IsMatch(name);

    public static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
