using Precast.Generator.Layers;
using Precast.Kernels;

namespace Precast.Generator.Tests;

/// <summary>
/// The generator sizes a model's im2col scratch with its own copy of the runtime's chunk rule
/// (<see cref="ConvGeometry.ScratchLength"/>: the generator targets netstandard2.0 and cannot call
/// the runtime), while the kernels demand <see cref="Im2ColConvolution.ColumnsLength"/> values. This
/// checks that the two give the same length on geometries around each bound of the rule, so that
/// neither can change alone.
/// </summary>
public sealed class ConvolutionScratchTests
{
    public static TheoryData<int, int, int, int, int, int, int> Geometries => new()
    {
        // inChannels, inSize, outChannels, kernel, stride, pad, groups
        { 32, 14, 32, 3, 1, 1, 1 },   // ResNet 3×3 32→32 at 14×14: P = 196, 3 samples per chunk
        { 64, 7, 64, 3, 1, 1, 1 },    // ResNet 3×3 64→64 at 7×7: P = 49, the scratch bound (8 samples)
        { 16, 28, 32, 3, 2, 1, 1 },   // stride 2, 16→32
        { 32, 14, 64, 3, 2, 1, 1 },   // stride 2, 32→64
        { 16, 28, 32, 1, 2, 0, 1 },   // 1×1 stride-2 projections
        { 32, 14, 64, 1, 2, 0, 1 },
        { 6, 14, 16, 5, 1, 0, 1 },    // LeNet C3
        { 1, 28, 16, 3, 1, 1, 1 },    // P = 784 > 512: one sample per chunk
        { 3, 24, 5, 3, 1, 1, 1 },     // P = 576
        { 3, 23, 5, 1, 1, 0, 1 },     // P = 529, just above 512
        { 3, 22, 5, 1, 1, 0, 1 },     // P = 484: 2 samples
        { 2, 16, 2, 1, 1, 0, 1 },     // P = 256: exactly 2 samples
        { 2, 1, 3, 1, 1, 0, 1 },      // P = 1: 512 samples
        { 512, 1, 512, 1, 1, 0, 1 },  // P = 1, K + Og = 1024: the scratch bound alone (256 samples)
        { 256, 14, 256, 3, 1, 1, 1 }, // a sample's columns and product exceed the bound: one sample per chunk
        { 8, 10, 12, 3, 1, 1, 4 },    // groups: K and Og per group
        { 8, 9, 8, 3, 2, 1, 8 },      // depthwise, strided
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void TheGeneratedScratchIsWhatTheKernelsAskFor(int inChannels, int inSize, int outChannels, int kernel, int stride, int pad, int groups)
    {
        Conv2DGeometry runtime = Conv2DGeometry.Create(inChannels, inSize, inSize, outChannels, kernel, kernel, stride, stride, pad, pad, pad, pad, groups: groups);
        var generated = new ConvGeometry(
            runtime.InChannels, runtime.InHeight, runtime.InWidth, runtime.OutChannels, runtime.OutHeight, runtime.OutWidth,
            runtime.KernelHeight, runtime.KernelWidth, runtime.StrideHeight, runtime.StrideWidth, runtime.PadTop, runtime.PadLeft,
            runtime.DilationHeight, runtime.DilationWidth, runtime.Groups);
        Assert.Equal(Im2ColConvolution.ColumnsLength(runtime), generated.ScratchLength);
        Assert.Equal(TransposedConvolution.ColumnsLength(runtime), generated.ScratchLength);
    }

    [Fact]
    public void TheRuleAgreesOnEveryMapSizeAndChannelCount()
    {
        // Every output area from 1 to 40×40 against a spread of taps and filters: each bound is crossed somewhere.
        foreach (int size in Enumerable.Range(1, 40))
        foreach (int channels in new[] { 1, 3, 16, 64, 200 })
        foreach (int filters in new[] { 1, 16, 64, 300 })
        foreach (int kernel in new[] { 1, 3 })
        {
            if (kernel > size)
                continue;
            Conv2DGeometry runtime = Conv2DGeometry.Create(channels, size, size, filters, kernel, kernel);
            var generated = new ConvGeometry(
                channels, size, size, filters, runtime.OutHeight, runtime.OutWidth, kernel, kernel, 1, 1, 0, 0, 1, 1, 1);
            Assert.True(Im2ColConvolution.ColumnsLength(runtime) == generated.ScratchLength,
                $"{runtime}: the runtime asks for {Im2ColConvolution.ColumnsLength(runtime)}, the generator gives {generated.ScratchLength}");
        }
    }
}
