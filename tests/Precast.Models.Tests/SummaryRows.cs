using System.Text.RegularExpressions;

namespace Precast.Models.Tests;

/// <summary>Reads a generated model's Summary() table, for tests that check the shapes and counts it reports.</summary>
internal static class SummaryRows
{
    /// <summary>
    /// The columns of the Summary() row of the layer or block named <paramref name="name"/>, however deep
    /// it is indented: columns are two or more spaces apart, shapes hold single ones.
    /// </summary>
    public static string[] Row(string summary, string name) =>
        summary.Split('\n').Select(line => Regex.Split(line.Trim(), " {2,}")).SingleOrDefault(columns => columns.Length > 0 && columns[0] == name)
        ?? throw new Xunit.Sdk.XunitException($"Summary() has no row for '{name}':\n{summary}");
}
