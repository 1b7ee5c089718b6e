using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Precast.Generator;

namespace Precast.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles C# source the way a user's project would (against the .NET runtime, Precast.dll and
/// System.Numerics.Tensors), runs the generator on it and returns everything a test looks at.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> s_references = LoadReferences();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "UserProject",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Model{i}.cs")),
            s_references,
            // Every warning the compiler has (warning level 9999, as new SDK projects build), so
            // generated code is held to what the strictest user project reports.
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Precast's analyzers, which run beside the generator in a user's build.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [new Precast.Generator.Analyzers.AttributeWithoutModelAnalyzer()];

    /// <summary>Runs the generator, then Precast's analyzers, over <paramref name="sources"/>.</summary>
    public static GeneratorResult Run(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        ImmutableArray<Diagnostic> analyzerDiagnostics = output.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return new GeneratorResult(
            result.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList(),
            result.Diagnostics.AddRange(analyzerDiagnostics),
            output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Precast.ModelAttribute).Assembly.Location);
        paths.Add(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}

/// <summary>What one generator run produced.</summary>
/// <param name="Sources">Each generated file's hint name and text.</param>
/// <param name="GeneratorDiagnostics">What Precast reported: the generator and its analyzers.</param>
/// <param name="CompilationDiagnostics">Warnings and errors of the user's code plus the generated code.</param>
internal sealed record GeneratorResult(
    IReadOnlyList<(string HintName, string Text)> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics);
