using Microsoft.CodeAnalysis;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// What each loss kind changes in the emitted model: the core's loss type and target type, the loss
/// value the core is constructed with when the loss has options, and the training members' target
/// parameter. Every model compiles without a warning in both precisions, its XML documentation
/// checked as a project that generates a documentation file checks it (the formulas go into it).
/// </summary>
public sealed class LossEmissionTests
{
    public static TheoryData<string, string, string, string?> Losses => new()
    {
        // [Loss(...)] arguments, the runtime struct, the target type (T for the element type), the core's loss value.
        { "Loss.SoftmaxCrossEntropy", "SoftmaxCrossEntropyLoss", "int", null },
        { "Loss.SoftmaxCrossEntropy, LabelSmoothing = 0.1", "SoftmaxCrossEntropyLoss", "int", "new global::Precast.Losses.SoftmaxCrossEntropyLoss<T>(0.1S)" },
        { "Loss.SoftmaxCrossEntropy, LabelSmoothing = 0", "SoftmaxCrossEntropyLoss", "int", null },
        { "Loss.SoftmaxCrossEntropyWithProbabilities", "SoftmaxCrossEntropyWithProbabilitiesLoss", "T", null },
        { "Loss.SoftmaxCrossEntropyWithProbabilities, LabelSmoothing = 0.25", "SoftmaxCrossEntropyWithProbabilitiesLoss", "T", "new global::Precast.Losses.SoftmaxCrossEntropyWithProbabilitiesLoss<T>(0.25S)" },
        { "Loss.KLDivergence", "KLDivergenceLoss", "T", null },
        { "Loss.SigmoidBinaryCrossEntropy", "SigmoidBinaryCrossEntropyLoss", "T", null },
        { "Loss.MeanSquaredError", "MeanSquaredErrorLoss", "T", null },
        { "Loss.MeanAbsoluteError", "MeanAbsoluteErrorLoss", "T", null },
        { "Loss.Huber", "HuberLoss", "T", "new global::Precast.Losses.HuberLoss<T>(1S)" },
        { "Loss.Huber, Delta = 0.5", "HuberLoss", "T", "new global::Precast.Losses.HuberLoss<T>(0.5S)" },
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public void EmitsTheLossWithItsOptions(string arguments, string runtimeType, string target, string? value)
    {
        foreach ((string precision, string t, string suffix) in new[] { ("Single", "float", "f"), ("Double", "double", "d") })
        {
            string source = Generate($$"""
                using Precast;

                namespace Tests;

                /// <summary>A model.</summary>
                [Model(Input = [5], Precision = Precision.{{precision}})]
                [Dense(4)]
                [Loss({{arguments}})]
                public partial class Trained;
                """);
            string targetType = target == "T" ? t : target;
            Assert.Contains($"global::Precast.Runtime.TrainableModelCore<{t}, {targetType}, global::Precast.Losses.{runtimeType}<{t}>> _core;", source);
            string construction = value is null ? "" : ", " + value.Replace("<T>", $"<{t}>").Replace("S)", suffix + ")");
            Assert.Contains($"_core = new(this, s_layout, maxBatch{construction});", source);
            string targets = target == "int" ? "labels" : "targets";
            Assert.Contains($"public {t} TrainStep(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{targetType}> {targets})", source);
        }
    }

    [Fact]
    public void TheDocumentationStatesTheOptions()
    {
        string source = Generate("""
            using Precast;

            /// <summary>A model.</summary>
            [Model(Input = [5])]
            [Dense(4)]
            [Loss(Loss.Huber, Delta = 0.5)]
            public partial class Robust;
            """);
        Assert.Contains("Loss.Huber: loss = mean over every output of ½(y − t)² where |y − t| is below δ, else δ·(|y − t| − ½δ), δ = 0.5.", source);
    }

    /// <summary>The one generated file, after checking that neither the generator nor the compiler (documentation included) reports anything.</summary>
    private static string Generate(string source)
    {
        ProgramRun run = GeneratorHarness.RunProgram([("Model0.cs", source)], DocumentationMode.Diagnose, NullableContextOptions.Enable);
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Result.Diagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        return Assert.Single(run.Result.GeneratedSources).SourceText.ToString();
    }
}
