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

    // The fuzzer compiles hundreds of programs: against only the assemblies Precast and
    // System.Numerics.Tensors need (and what those need), each compiles in half the time.
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_programReferences = new(LoadProgramReferences);

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

    /// <summary>
    /// Compiles <paramref name="files"/> with the given options, runs the generator and Precast's
    /// analyzers, and keeps everything the fuzzer's oracle looks at: the generator's own result
    /// (exception included), the driver's diagnostics, the analyzers' diagnostics and the
    /// diagnostics of the updated compilation.
    /// </summary>
    public static ProgramRun RunProgram(IEnumerable<(string Path, string Text)> files, DocumentationMode documentation, NullableContextOptions nullable)
    {
        CSharpParseOptions parseOptions = ParseOptions.WithDocumentationMode(documentation);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, path: f.Path)).ToImmutableArray();
        var compilation = CSharpCompilation.Create(
            "UserProject",
            trees,
            s_programReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        // In a build Precast's analyzers run beside the generator, on the compilation with its output.
        ImmutableArray<Diagnostic> analyzerDiagnostics = SymbolAnalyzerRunner.Run(output, trees, Analyzers);
        return new ProgramRun(trees, driver.GetRunResult().Results.Single(), output, driverDiagnostics, analyzerDiagnostics);
    }

    /// <summary>System.Private.CoreLib, System.Runtime, System.Collections, System.Memory, Precast, System.Numerics.Tensors and every assembly they reference.</summary>
    private static ImmutableArray<MetadataReference> LoadProgramReferences()
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<System.Reflection.Assembly>(
        [
            typeof(object).Assembly,
            typeof(Precast.ModelAttribute).Assembly,
            typeof(System.Numerics.Tensors.TensorPrimitives).Assembly,
            System.Reflection.Assembly.Load("System.Runtime"),
            System.Reflection.Assembly.Load("System.Collections"),
            System.Reflection.Assembly.Load("System.Memory"),
        ]);
        while (pending.Count > 0)
        {
            System.Reflection.Assembly assembly = pending.Dequeue();
            if (!found.TryAdd(assembly.GetName().Name!, assembly.Location))
                continue;
            // netstandard's facade would pull in the whole framework.
            foreach (System.Reflection.AssemblyName reference in assembly.GetReferencedAssemblies().Where(r => r.Name != "netstandard"))
                pending.Enqueue(System.Reflection.Assembly.Load(reference));
        }
        return found.Values.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
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

/// <summary>One program through the generator, for the fuzzer's oracle.</summary>
/// <param name="UserTrees">The program's own files.</param>
/// <param name="Result">The generator's result: its exception, generated sources and reported diagnostics.</param>
/// <param name="Output">The compilation with the generated sources added.</param>
/// <param name="DriverDiagnostics">What the driver reported (CS8784/CS8785 when a generator fails).</param>
/// <param name="AnalyzerDiagnostics">What Precast's analyzers reported (PC0018).</param>
internal sealed record ProgramRun(
    ImmutableArray<SyntaxTree> UserTrees,
    GeneratorRunResult Result,
    Compilation Output,
    ImmutableArray<Diagnostic> DriverDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    /// <summary>Everything Precast reported: the generator's diagnostics, then its analyzers'.</summary>
    public IEnumerable<Diagnostic> PrecastDiagnostics => Result.Diagnostics.Concat(AnalyzerDiagnostics);

    private ImmutableArray<Diagnostic>? _compilerDiagnostics;

    /// <summary>Warnings and errors of the updated compilation; computed on first use (binding every method body is most of a run's cost).</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics =>
        _compilerDiagnostics ??= Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}
