using Microsoft.CodeAnalysis;
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
                "Precast.ModelAttribute",
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                transform: static (context, cancellationToken) => ModelParser.Parse(context, cancellationToken))
            .WithTrackingName(Steps.Parse);

        IncrementalValuesProvider<ModelPlan> plans = specs
            .Select(static (spec, _) => ModelPlanner.Plan(spec))
            .WithTrackingName(Steps.Plan);

        IncrementalValuesProvider<GeneratedModel> outputs = plans
            .Select(static (plan, _) => GeneratedModel.From(plan))
            .WithTrackingName(Steps.Emit);

        context.RegisterSourceOutput(outputs, static (context, output) =>
        {
            foreach (DiagnosticInfo diagnostic in output.Diagnostics)
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (output.Source is not null)
                context.AddSource(output.HintName, output.Source);
        });
    }
}
