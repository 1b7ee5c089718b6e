using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator;

/// <summary>
/// The Precast source generator. For every class marked [Model]:
/// parse the attributes into a <see cref="ModelSpec"/> (the only step that touches symbols),
/// plan it (shape inference: a pure function that also finds every mistake), and emit the C#
/// (a pure function of the plan). Each step's result is equatable, so an edit elsewhere in the
/// project reuses the cached output instead of regenerating.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <summary>Step names, so tests can check what the incremental pipeline reused.</summary>
    internal static class Steps
    {
        public const string Parse = "Parse";
        public const string Plan = "Plan";
        public const string Emit = "Emit";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModelSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DeclarationReader.ModelAttributeName,
                // Records too, so that [Model] on one is reported rather than ignored.
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword },
                transform: static (context, cancellationToken) => ModelParser.Parse(context, cancellationToken))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Steps.Parse);

        IncrementalValuesProvider<ModelPlan> plans = specs
            .Select(static (spec, _) => ModelPlanner.Plan(spec))
            .WithTrackingName(Steps.Plan);

        IncrementalValuesProvider<GeneratedModel> outputs = plans
            .Select(static (plan, _) => GeneratedModel.From(plan))
            .WithTrackingName(Steps.Emit);

        // Hint names must be unique ignoring case across all models, so each one is made knowing
        // the others' names; the list is equatable, so it changes only when a model is renamed.
        IncrementalValueProvider<EquatableArray<string>> fullNames = outputs
            .Select(static (output, _) => output.FullName)
            .Collect()
            .Select(static (names, _) => names.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray());

        context.RegisterSourceOutput(outputs.Where(static o => o.Source is not null).Combine(fullNames), static (context, pair) =>
            context.AddSource(HintNames.For(pair.Left.FullName, pair.Right), pair.Left.Source!));

        // Diagnostics are placed in the user's own syntax trees, so that #pragma warning disable
        // and editor suppressions apply to them. Only models with something to report look the
        // trees up in the current compilation.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = outputs
            .Select(static (output, _) => output.Diagnostics)
            .Where(static d => d.Count > 0);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (context, pair) =>
        {
            var trees = new Dictionary<string, SyntaxTree>();
            foreach (SyntaxTree tree in pair.Right.SyntaxTrees)
            {
                if (!trees.ContainsKey(tree.FilePath))
                    trees.Add(tree.FilePath, tree);
            }
            foreach (DiagnosticInfo diagnostic in pair.Left)
            {
                SyntaxTree? tree = diagnostic.Location is { } location && trees.TryGetValue(location.FilePath, out SyntaxTree? found) ? found : null;
                context.ReportDiagnostic(diagnostic.ToDiagnostic(tree));
            }
        });
    }
}
