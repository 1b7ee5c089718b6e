using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// Keeps docs/diagnostics true: every page's ```csharp wrong example reports the page's ID with the
/// message the page shows, every ```csharp fixed example generates a model that compiles without a
/// warning, every descriptor has a page, an index row and a release-tracking row that agree with it.
/// The guides' ```csharp examples (docs/losses.md, docs/metrics.md) compile without a warning too.
/// The docs are read from the repository (found through this file's path), not copied to the output.
/// </summary>
public sealed class DocumentationTests
{
    private const string WrongFence = "csharp wrong";
    private const string FixedFence = "csharp fixed";
    private const string MessageFence = "text message";

    private static readonly string s_repositoryRoot = RepositoryRoot();
    private static readonly string s_pagesDirectory = Path.Combine(s_repositoryRoot, "docs", "diagnostics");

    private static readonly IReadOnlyList<DiagnosticDescriptor> s_descriptors = typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>The one diagnostic no user code can trigger, so its page has no examples.</summary>
    private static readonly string s_internalErrorId = Descriptors.InternalError.Id;

    public static TheoryData<string> DescriptorIds => new(s_descriptors.Select(d => d.Id));

    public static TheoryData<string> PagesWithExamples => new(PageIds().Where(id => id != s_internalErrorId));

    [Theory]
    [MemberData(nameof(PagesWithExamples))]
    public void WrongExampleReportsOnlyThePagesDiagnosticWithTheDocumentedMessage(string id)
    {
        string page = ReadPage(id);
        string source = Assert.Single(Blocks(page, WrongFence));

        GeneratorResult result = GeneratorHarness.Run(source);

        Assert.NotEmpty(result.GeneratorDiagnostics);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(id, d.Id));
        // Apart from the documented mistake the example is valid C#.
        Assert.Empty(result.CompilationDiagnostics);
        var reported = result.GeneratorDiagnostics.Select(Format).ToList();
        Assert.Contains(Assert.Single(Blocks(page, MessageFence)), reported);
    }

    [Theory]
    [MemberData(nameof(PagesWithExamples))]
    public void FixedExampleGeneratesAModelThatCompilesCleanly(string id)
    {
        string source = Assert.Single(Blocks(ReadPage(id), FixedFence));

        GeneratorResult result = GeneratorHarness.Run(source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.NotEmpty(result.Sources);
    }

    /// <summary>The guides whose ```csharp examples must compile as they are (models and the code using them).</summary>
    public static TheoryData<string> Guides => new() { "losses.md", "metrics.md" };

    [Theory]
    [MemberData(nameof(Guides))]
    public void GuideExamplesCompileCleanly(string guide)
    {
        string page = File.ReadAllText(Path.Combine(s_repositoryRoot, "docs", guide)).Replace("\r\n", "\n");
        List<string> examples = Blocks(page, "csharp");
        Assert.NotEmpty(examples);
        foreach (string source in examples)
        {
            GeneratorResult result = GeneratorHarness.Run(source);
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Empty(result.CompilationDiagnostics);
            Assert.NotEmpty(result.Sources);
        }
    }

    [Fact]
    public void InternalErrorPageHasNoExamples()
    {
        string page = ReadPage(s_internalErrorId);
        Assert.Empty(Blocks(page, WrongFence));
        Assert.Empty(Blocks(page, FixedFence));
    }

    [Fact]
    public void EveryPageBelongsToADescriptorAndEveryDescriptorHasAPage() =>
        Assert.Equal(s_descriptors.Select(d => d.Id), PageIds());

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void PageStartsWithTheDescriptorsTitleAndSeverity(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string[] lines = ReadPage(id).Split('\n');

        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        Assert.Contains($"**Severity:** {descriptor.DefaultSeverity}", lines);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void IndexListsTheDiagnosticWithItsSeverityTitleAndPage(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string[] index = ReadLines(Path.Combine(s_pagesDirectory, "README.md"));

        Assert.Contains($"| {id} | {descriptor.DefaultSeverity} | {descriptor.Title} | [{id}.md]({id}.md) |", index);
    }

    [Fact]
    public void UnshippedReleaseListsEveryDiagnosticWithItsCategoryAndSeverity()
    {
        // Rows of the release-tracking table: "PC0001 | Precast | Error | Model class must be partial".
        var rows = ReadLines(Path.Combine(s_repositoryRoot, "generator", "Precast.Generator", "AnalyzerReleases.Unshipped.md"))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length == 4 && cells[0].StartsWith("PC", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(
            s_descriptors.Select(d => $"{d.Id} | {d.Category} | {d.DefaultSeverity}"),
            rows.Select(cells => $"{cells[0]} | {cells[1]} | {cells[2]}").Order(StringComparer.Ordinal));
    }

    /// <summary>How the compiler prints a diagnostic after its location: "error PC0007: Dense 'Hidden' expects ...".</summary>
    private static string Format(Diagnostic diagnostic) =>
        $"{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";

    private static DiagnosticDescriptor Descriptor(string id) => s_descriptors.Single(d => d.Id == id);

    private static List<string> PageIds() =>
        Directory.GetFiles(s_pagesDirectory, "PC*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string ReadPage(string id)
    {
        string path = Path.Combine(s_pagesDirectory, id + ".md");
        Assert.True(File.Exists(path), $"Diagnostic {id} has no page; expected {path}.");
        return File.ReadAllText(path).Replace("\r\n", "\n");
    }

    private static string[] ReadLines(string path) => File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');

    /// <summary>The contents of every fenced block whose info string is exactly <paramref name="info"/>, in page order.</summary>
    private static List<string> Blocks(string page, string info)
    {
        var blocks = new List<string>();
        string[] lines = page.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```" + info)
                continue;
            int end = Array.IndexOf(lines, "```", i + 1);
            Assert.True(end > i, $"The ```{info} block at line {i + 1} is never closed.");
            blocks.Add(string.Join("\n", lines, i + 1, end - i - 1));
            i = end;
        }
        return blocks;
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
