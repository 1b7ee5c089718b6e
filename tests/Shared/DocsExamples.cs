using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Precast.Testing;

/// <summary>
/// Keeps a guide's examples compiled and run: every ```csharp block of a page in docs/ must appear,
/// line for line (indentation and blank lines aside), in the test file that runs it, so the page
/// cannot show code that does not compile or does not do what the tests check.
/// </summary>
internal static partial class DocsExamples
{
    /// <summary>Fails, showing the first example missing, unless every csharp block of <paramref name="page"/> is in <paramref name="testFile"/>.</summary>
    /// <param name="page">The page's name under docs/: "data.md".</param>
    /// <param name="minimumBlocks">How many examples the page has at least, so that a page that lost its examples fails.</param>
    /// <param name="testFile">The calling test's source file (somewhere inside the repository), filled in by the compiler.</param>
    public static void AssertEveryBlockIsIn(string page, int minimumBlocks, [CallerFilePath] string testFile = "")
    {
        string path = PagePath(page, testFile);
        string text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        string tested = WithoutIndentation(File.ReadAllText(testFile));

        MatchCollection blocks = CsharpBlock().Matches(text);

        Assert.True(blocks.Count >= minimumBlocks, $"docs/{page} has {blocks.Count} csharp blocks; expected at least {minimumBlocks}.");
        foreach (Match block in blocks)
            Assert.True(tested.Contains(WithoutIndentation(block.Groups[1].Value), StringComparison.Ordinal),
                $"This example of docs/{page} is not in {Path.GetFileName(testFile)}:\n{block.Groups[1].Value}");
    }

    /// <summary>docs/<paramref name="page"/> in the nearest folder above the test file that has it: the repository root.</summary>
    private static string PagePath(string page, string testFile)
    {
        for (DirectoryInfo? folder = new FileInfo(testFile).Directory; folder is not null; folder = folder.Parent)
        {
            string path = Path.Combine(folder.FullName, "docs", page);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException($"No docs/{page} in any folder above {testFile}.");
    }

    private static string WithoutIndentation(string code) =>
        string.Join('\n', code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}
