using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Precast.Generator.Tests.Infrastructure;

/// <summary>
/// Runs Precast's analyzers (symbol actions on named types, all they register) over the types the
/// user's files declare, without the analyzer driver: the driver would bind every method body
/// again, doubling the cost of a fuzzed program. The analyzer sees what it sees in a build: the
/// compilation with the generated sources, once per type however many partial declarations it has.
/// </summary>
internal static class SymbolAnalyzerRunner
{
    public static ImmutableArray<Diagnostic> Run(Compilation compilation, IEnumerable<SyntaxTree> userTrees, IEnumerable<DiagnosticAnalyzer> analyzers)
    {
        var actions = new List<(Action<SymbolAnalysisContext> Action, ImmutableArray<SymbolKind> Kinds, DiagnosticAnalyzer Analyzer)>();
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            var context = new Registrations();
            analyzer.Initialize(context);
            if (context.Unsupported.Count > 0)
                throw new NotSupportedException($"{analyzer.GetType().Name} registers {string.Join(", ", context.Unsupported)}; only symbol actions are run here.");
            actions.AddRange(context.SymbolActions.Select(a => (a.Action, a.Kinds, analyzer)));
        }

        var types = new List<INamedTypeSymbol>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in userTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (BaseTypeDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is INamedTypeSymbol type && seen.Add(type))
                    types.Add(type);
            }
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        foreach (INamedTypeSymbol type in types)
        {
            foreach (var (action, kinds, analyzer) in actions.Where(a => a.Kinds.Contains(SymbolKind.NamedType)))
            {
                var supported = analyzer.SupportedDiagnostics;
#pragma warning disable CS0618 // The public constructor is the one a test can call.
                var context = new SymbolAnalysisContext(type, compilation, options, diagnostics.Add, d => supported.Any(s => s.Id == d.Id), CancellationToken.None);
#pragma warning restore CS0618
                action(context);
            }
        }
        return diagnostics.ToImmutable();
    }

    /// <summary>Collects what an analyzer registers; anything but symbol actions is refused, so a new kind of action is not silently skipped.</summary>
    private sealed class Registrations : AnalysisContext
    {
        public List<(Action<SymbolAnalysisContext> Action, ImmutableArray<SymbolKind> Kinds)> SymbolActions { get; } = [];

        public List<string> Unsupported { get; } = [];

        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            SymbolActions.Add((action, symbolKinds));

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => Unsupported.Add("a compilation start action");

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => Unsupported.Add("a compilation action");

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Unsupported.Add("a semantic model action");

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Unsupported.Add("a code block start action");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Unsupported.Add("a code block action");

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Unsupported.Add("a syntax tree action");

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Unsupported.Add("a syntax node action");

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Unsupported.Add("an operation action");

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Unsupported.Add("an operation block action");

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Unsupported.Add("an operation block start action");

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => Unsupported.Add("a symbol start action");
    }
}
