using Precast.Kernels;
using static Precast.Benchmarks.ConvolutionKernel;

namespace Precast.Benchmarks;

/// <summary>
/// Every convolution of the sample's networks (samples/FashionMnist), in the order the forward
/// pass runs them, with the algorithm the generated model calls for each and whether its backward
/// pass computes the input gradient. Written by hand, so it can fall behind the generator:
/// BenchmarkConvolutionsTests (tests/Precast.Generator.Tests, which compiles this file too) runs
/// the generator on the sample's files and fails, printing the list to paste here, when any of
/// that differs from the kernel calls in the generated code. That keeps the generator's selection rule (ConvolutionAlgorithm.cs) in one place.
/// </summary>
public static class NetworkConvolutions
{
    /// <summary>LeNet-5: direct loops for C1 (6 filters, 5×5), im2col for C3 (16 filters).</summary>
    public static IReadOnlyList<ConvolutionLayer> LeNet { get; } =
    [
        new("C1", Conv2DGeometry.Create(1, 28, 28, 6, 5, 5, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2), HasBias: true, Direct, InputGradient: false),
        new("C3", Conv2DGeometry.Create(6, 14, 14, 16, 5, 5), HasBias: true, Im2Col),
    ];

    /// <summary>The SE-ResNet: im2col for every layer (3×3 kernels, 16 filters and more).</summary>
    public static IReadOnlyList<ConvolutionLayer> ResNet { get; } =
    [
        new("Stem", Conv2DGeometry.Same(1, 28, 28, 16, 3, 3), HasBias: false, Im2Col, InputGradient: false),
        new("Block1.Conv2D1", Conv2DGeometry.Same(16, 28, 28, 16, 3, 3), HasBias: false, Im2Col),
        new("Block1.Conv2D2", Conv2DGeometry.Same(16, 28, 28, 16, 3, 3), HasBias: false, Im2Col),
        new("Block2.Conv2D1", Conv2DGeometry.Same(16, 28, 28, 16, 3, 3), HasBias: false, Im2Col),
        new("Block2.Conv2D2", Conv2DGeometry.Same(16, 28, 28, 16, 3, 3), HasBias: false, Im2Col),
        new("Block3.Conv2D1", Conv2DGeometry.Create(16, 28, 28, 32, 3, 3, strideHeight: 2, strideWidth: 2, padTop: 1, padLeft: 1), HasBias: false, Im2Col),
        new("Block3.Conv2D2", Conv2DGeometry.Same(32, 14, 14, 32, 3, 3), HasBias: false, Im2Col),
        new("Block3.Projection.Conv2D1", Conv2DGeometry.Create(16, 28, 28, 32, 1, 1, strideHeight: 2, strideWidth: 2), HasBias: false, Im2Col),
        new("Block4.Conv2D1", Conv2DGeometry.Same(32, 14, 14, 32, 3, 3), HasBias: false, Im2Col),
        new("Block4.Conv2D2", Conv2DGeometry.Same(32, 14, 14, 32, 3, 3), HasBias: false, Im2Col),
        new("Block5.Conv2D1", Conv2DGeometry.Create(32, 14, 14, 64, 3, 3, strideHeight: 2, strideWidth: 2, padTop: 1, padLeft: 1), HasBias: false, Im2Col),
        new("Block5.Conv2D2", Conv2DGeometry.Same(64, 7, 7, 64, 3, 3), HasBias: false, Im2Col),
        new("Block5.Projection.Conv2D1", Conv2DGeometry.Create(32, 14, 14, 64, 1, 1, strideHeight: 2, strideWidth: 2), HasBias: false, Im2Col),
        new("Block6.Conv2D1", Conv2DGeometry.Same(64, 7, 7, 64, 3, 3), HasBias: false, Im2Col),
        new("Block6.Conv2D2", Conv2DGeometry.Same(64, 7, 7, 64, 3, 3), HasBias: false, Im2Col),
    ];

    /// <summary>The Inception network: pointwise products for the 1×1 layers, im2col for the others.</summary>
    public static IReadOnlyList<ConvolutionLayer> Inception { get; } =
    [
        new("Stem", Conv2DGeometry.Same(1, 28, 28, 32, 3, 3), HasBias: false, Im2Col, InputGradient: false),
        new("ModuleA.Branch1x1.Conv2D1", Conv2DGeometry.Create(32, 14, 14, 16, 1, 1), HasBias: false, Pointwise),
        new("ModuleA.Branch3x3.Conv2D1", Conv2DGeometry.Create(32, 14, 14, 16, 1, 1), HasBias: false, Pointwise),
        new("ModuleA.Branch3x3.Conv2D2", Conv2DGeometry.Same(16, 14, 14, 24, 3, 3), HasBias: false, Im2Col),
        new("ModuleA.Branch7x7.Conv2D1", Conv2DGeometry.Create(32, 14, 14, 8, 1, 1), HasBias: false, Pointwise),
        new("ModuleA.Branch7x7.Conv2D2", Conv2DGeometry.Same(8, 14, 14, 12, 1, 7), HasBias: false, Im2Col),
        new("ModuleA.Branch7x7.Conv2D3", Conv2DGeometry.Same(12, 14, 14, 12, 7, 1), HasBias: false, Im2Col),
        new("ModuleA.BranchPool.Conv2D1", Conv2DGeometry.Create(32, 14, 14, 12, 1, 1), HasBias: false, Pointwise),
        new("ModuleB.Branch1x1.Conv2D1", Conv2DGeometry.Create(64, 7, 7, 32, 1, 1), HasBias: false, Pointwise),
        new("ModuleB.Branch3x3.Conv2D1", Conv2DGeometry.Create(64, 7, 7, 24, 1, 1), HasBias: false, Pointwise),
        new("ModuleB.Branch3x3.Conv2D2", Conv2DGeometry.Same(24, 7, 7, 48, 3, 3), HasBias: false, Im2Col),
        new("ModuleB.Branch7x7.Conv2D1", Conv2DGeometry.Create(64, 7, 7, 16, 1, 1), HasBias: false, Pointwise),
        new("ModuleB.Branch7x7.Conv2D2", Conv2DGeometry.Same(16, 7, 7, 24, 1, 7), HasBias: false, Im2Col),
        new("ModuleB.Branch7x7.Conv2D3", Conv2DGeometry.Same(24, 7, 7, 24, 7, 1), HasBias: false, Im2Col),
        new("ModuleB.BranchPool.Conv2D1", Conv2DGeometry.Create(64, 7, 7, 24, 1, 1), HasBias: false, Pointwise),
    ];
}
