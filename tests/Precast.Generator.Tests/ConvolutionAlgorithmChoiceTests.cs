using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// The gradient checks and PyTorch references of tests/Precast.Models.Tests cover each convolution
/// algorithm through models chosen to land on it (Conv2DDirectCheck on direct loops,
/// Conv2DIm2ColCheck on im2col, ...). This runs the generator on those very model files and fails
/// when a model no longer gets the algorithm its name promises (after a change to the thresholds
/// of ConvolutionAlgorithm, say), so that no path silently loses its tests.
/// </summary>
public sealed class ConvolutionAlgorithmChoiceTests
{
    private static readonly Dictionary<string, string[]> GradientCheckModels = new()
    {
        ["Conv2DDirectCheck"] = ["DirectConvolution"],
        ["Conv2DIm2ColCheck"] = ["Im2ColConvolution"],
        ["Conv2DManyFiltersCheck"] = ["Im2ColConvolution"],
        ["Conv2DStride2Check"] = ["Im2ColConvolution"],
        ["Conv2DRowStrideCheck"] = ["Im2ColConvolution"],
        ["Conv2DColumnStrideCheck"] = ["Im2ColConvolution"],
        ["Conv2DPadDirectCheck"] = ["DirectConvolution"],
        ["Conv2DPadIm2ColCheck"] = ["Im2ColConvolution"],
        ["Conv2DSidePadDirectCheck"] = ["DirectConvolution"],
        ["Conv2DSidePadIm2ColCheck"] = ["Im2ColConvolution"],
        ["Conv2DSameEvenKernelCheck"] = ["Im2ColConvolution"],
        ["Conv2DSameStride2Check"] = ["Im2ColConvolution"],
        ["Conv2DDilationCheck"] = ["DirectConvolution"],
        ["Conv2DAxisDilationCheck"] = ["Im2ColConvolution"],
        ["Conv2DGroupsDirectCheck"] = ["DirectConvolution"],
        ["Conv2DGroupsIm2ColCheck"] = ["Im2ColConvolution"],
        ["Conv2DGroupsEqualChannelsCheck"] = ["DepthwiseConvolution"],
        ["Conv2DWithoutBiasDirectCheck"] = ["DirectConvolution"],
        ["Conv2DWithoutBiasIm2ColCheck"] = ["Im2ColConvolution"],
        ["Conv2DOneBySevenCheck"] = ["Im2ColConvolution"],
        ["Conv2DSevenByOneCheck"] = ["Im2ColConvolution"],
        ["Conv2DPointwiseCheck"] = ["PointwiseConvolution"],
        ["Conv2DPointwiseGroupsCheck"] = ["PointwiseConvolution"],
        ["Conv2DStridedOneByOneCheck"] = ["Im2ColConvolution"],
        ["Conv2DPaddedOneByOneCheck"] = ["Im2ColConvolution"],
        ["Conv1DCheck"] = ["Im2ColConvolution"],
        ["Conv1DWideCheck"] = ["Im2ColConvolution"],
        ["Conv2DTransposeCheck"] = ["TransposedConvolution"],
        ["DepthwiseCheck"] = ["DepthwiseConvolution"],
        ["DepthwiseMultiplierCheck"] = ["DepthwiseConvolution"],
        ["SeparableCheck"] = ["DepthwiseConvolution", "PointwiseConvolution"],
    };

    [Fact]
    public void EachGradientCheckModelRunsTheAlgorithmItIsNamedFor() =>
        AssertAlgorithms(Path.Combine("Models", "ConvolutionCheckModels.cs"), GradientCheckModels);

    private static readonly Dictionary<string, string[]> TorchReferenceModels = new()
    {
        ["TorchConv2DDirect"] = ["DirectConvolution"],
        ["TorchConv2DIm2ColStride2Pad1"] = ["Im2ColConvolution"],
        ["TorchConv2DSidePadsDirect"] = ["DirectConvolution"],
        ["TorchConv2DSidePadsIm2Col"] = ["Im2ColConvolution"],
        ["TorchConv2DGroupsIm2Col"] = ["Im2ColConvolution"],
        ["TorchConv2DGroupsEqualChannels"] = ["DepthwiseConvolution"],
        ["TorchConv2DWithoutBias"] = ["Im2ColConvolution"],
        ["TorchConv2DPointwise"] = ["PointwiseConvolution"],
        ["TorchConv2DPointwiseGroups"] = ["PointwiseConvolution"],
        ["TorchConv2DWide"] = ["Im2ColConvolution"],
        ["TorchConv1DEmbedding"] = ["Im2ColConvolution"],
        ["TorchConv2DTranspose"] = ["TransposedConvolution"],
        ["TorchDepthwiseMultiplier"] = ["Im2ColConvolution"],
        ["TorchSeparable"] = ["DepthwiseConvolution", "PointwiseConvolution"],
    };

    [Fact]
    public void EachPyTorchReferenceModelRunsTheAlgorithmItIsNamedFor() =>
        AssertAlgorithms(Path.Combine("Models", "TorchConvolutionModels.cs"), TorchReferenceModels);

    /// <summary>The allocation test's classifier is meant to run every convolution path, so that each one is shown to allocate nothing.</summary>
    [Fact]
    public void TheAllocationTestsClassifierRunsEveryConvolutionAlgorithm() =>
        AssertAlgorithms(Path.Combine("Models", "BehaviourModels.cs"), new()
        {
            ["ConvBatchNormClassifier"] = ["DirectConvolution", "DepthwiseConvolution", "PointwiseConvolution", "PointwiseConvolution", "DepthwiseConvolution", "Im2ColConvolution", "TransposedConvolution"],
        });

    /// <summary>Runs the generator on one model file of tests/Precast.Models.Tests and compares the convolution kernels each model's forward pass calls.</summary>
    private static void AssertAlgorithms(string file, Dictionary<string, string[]> expected, [CallerFilePath] string thisFile = "")
    {
        string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Precast.Models.Tests", file));
        GeneratorResult result = GeneratorHarness.Run(File.ReadAllText(path));
        Assert.Empty(result.GeneratorDiagnostics);
        foreach (var (model, kernels) in expected)
        {
            string source = result.Sources.Single(s => s.HintName.EndsWith($".{model}.g.cs", StringComparison.Ordinal)).Text;
            string forward = source[source.IndexOf("RunForward(", StringComparison.Ordinal)..source.IndexOf("RunBackward(", StringComparison.Ordinal)];
            string[] called = [.. Regex.Matches(forward, @"Precast\.Kernels\.(\w+Convolution)\.Forward").Select(m => m.Groups[1].Value)];
            Assert.True(kernels.SequenceEqual(called), $"{model} in {file}: expected [{string.Join(", ", kernels)}], the emitted forward pass calls [{string.Join(", ", called)}]");
        }
    }
}
