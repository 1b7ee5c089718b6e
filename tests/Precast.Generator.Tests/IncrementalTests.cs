using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// The generator's steps hold only equatable data, so an edit that does not touch a model must
/// reuse every cached result: no re-planning, no re-emitting, while the user types elsewhere.
/// </summary>
public sealed class IncrementalTests
{
    private const string ModelSource = """
        using Precast;

        namespace App;

        [Model(Input = [1, 28, 28])]
        [Flatten, Dense(64, Name = "Hidden"), Relu, Dense(10)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class Mlp;
        """;

    [Fact]
    public void AnUnrelatedEditReusesEveryStep()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(ModelSource, "namespace App; public class Other { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        // Edit the other file: add a method.
        SyntaxTree other = compilation.SyntaxTrees.Last();
        SyntaxTree edited = other.WithChangedText(other.GetText().Replace(0, other.Length,
            "namespace App; public class Other { public int Answer() => 42; }"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(other, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { ModelGenerator.Steps.Parse, ModelGenerator.Steps.Plan, ModelGenerator.Steps.Emit })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} was {o.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EditingTheModelRegeneratesIt()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(ModelSource);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree model = compilation.SyntaxTrees.Single();
        SyntaxTree edited = model.WithChangedText(model.GetText().Replace(0, model.Length, ModelSource.Replace("Dense(64", "Dense(32")));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(model, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var emit = result.TrackedSteps[ModelGenerator.Steps.Emit].SelectMany(s => s.Outputs).Single();
        Assert.Equal(IncrementalStepRunReason.Modified, emit.Reason);
        Assert.Contains("HiddenWeight => new(_core.ParameterArray, 0, 25088)", result.GeneratedSources.Single().SourceText.ToString());
    }

    private const string BlockSource = """
        using Precast;

        namespace App;

        [Block]
        [Dense(16), Relu]
        [Dense(16)]
        public sealed class TwoLayer;
        """;

    private const string ModelsUsingTheBlock = """
        using Precast;

        namespace App;

        [Model(Input = [16])]
        [Residual(typeof(TwoLayer)), Relu]
        [Dense(2)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class First;

        [Model(Input = [16])]
        [Repeat(typeof(TwoLayer), 2)]
        [Dense(1)]
        [Loss(Loss.MeanSquaredError)]
        public partial class Second;

        [Model(Input = [4])]
        [Dense(2)]
        public partial class Unrelated;
        """;

    [Fact]
    public void EditingABlockReEmitsEveryModelThatUsesItAndNoOther()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(BlockSource, ModelsUsingTheBlock);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        // The block lives in its own file; widen its first layer.
        SyntaxTree block = compilation.SyntaxTrees.First();
        SyntaxTree edited = block.WithChangedText(block.GetText().Replace(0, block.Length, BlockSource.Replace("Dense(16), Relu", "Dense(24), Relu")));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(block, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var emits = result.TrackedSteps[ModelGenerator.Steps.Emit].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(3, emits.Count);
        Assert.Equal(2, emits.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Single(emits, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("new(\"Residual1.Dense1.weight\", [24, 16]", result.GeneratedSources.Single(s => s.HintName == "App.First.g.cs").SourceText.ToString());
        Assert.Contains("new(\"Repeat1.1.Dense1.weight\", [24, 16]", result.GeneratedSources.Single(s => s.HintName == "App.Second.g.cs").SourceText.ToString());
    }

    [Fact]
    public void AnUnrelatedEditReEmitsNoModelThatUsesBlocks()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(BlockSource, ModelsUsingTheBlock, "namespace App; public class Other { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree other = compilation.SyntaxTrees.Last();
        SyntaxTree edited = other.WithChangedText(other.GetText().Replace(0, other.Length, "namespace App; public class Other { public int Answer() => 42; }"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(other, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { ModelGenerator.Steps.Plan, ModelGenerator.Steps.Emit })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {o.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void ThePipelineHoldsNoCompilationObjects()
    {
        // Symbols, syntax nodes or compilations in a step's output would keep old compilations
        // alive and defeat caching; the outputs must be the generator's own records.
        CSharpCompilation compilation = GeneratorHarness.Compile(ModelSource);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var steps = new[] { ModelGenerator.Steps.Parse, ModelGenerator.Steps.Plan, ModelGenerator.Steps.Emit };
        foreach (var output in steps.SelectMany(step => result.TrackedSteps[step]).SelectMany(s => s.Outputs))
        {
            Assert.IsNotAssignableFrom<ISymbol>(output.Value);
            Assert.IsNotAssignableFrom<SyntaxNode>(output.Value);
            Assert.IsNotAssignableFrom<Compilation>(output.Value);
        }
    }
}
