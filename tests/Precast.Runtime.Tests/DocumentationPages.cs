using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Precast.Runtime.Tests;

/// <summary>
/// Keeps a guide's examples compiling: every ```csharp block of a page under docs/ must appear, line
/// for line (indentation aside), in the test file that compiles and runs it.
/// </summary>
internal static partial class DocumentationPages
{
    /// <summary>Fails naming the first block of <paramref name="page"/> that <paramref name="testFile"/> does not contain.</summary>
    /// <param name="page">The page, relative to docs/: <c>data.md</c>.</param>
    /// <param name="minimumBlocks">Fewer blocks than this means the page lost its examples or the pattern stopped matching.</param>
    /// <param name="testFile">The calling test's source file, filled in by the compiler.</param>
    public static void AssertEveryBlockIsIn(string page, int minimumBlocks, [CallerFilePath] string testFile = "")
    {
        string text = File.ReadAllText(Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", "docs", page)));
        string tested = WithoutIndentation(File.ReadAllText(testFile));

        MatchCollection blocks = CsharpBlock().Matches(text);

        Assert.True(blocks.Count >= minimumBlocks, $"docs/{page} has {blocks.Count} csharp blocks; expected at least {minimumBlocks}.");
        foreach (Match block in blocks)
            Assert.True(tested.Contains(WithoutIndentation(block.Groups[1].Value), StringComparison.Ordinal),
                $"This example of docs/{page} is not in {Path.GetFileName(testFile)}:\n{block.Groups[1].Value}");
    }

    private static string WithoutIndentation(string code) =>
        string.Join('\n', code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
