using System.Globalization;

namespace Precast.Generator.Layers;

/// <summary>
/// How a convolution is computed, chosen at compile time from its constant geometry. Each choice is
/// a kernel class in <c>Precast.Kernels</c> with the same three methods (Forward, BackwardData,
/// BackwardWeights); those that unfold the input into im2col columns take a scratch buffer.
/// </summary>
/// <param name="Kernel">The kernel class: Im2ColConvolution, DirectConvolution, ...</param>
/// <param name="Name">How the comment names the algorithm.</param>
/// <param name="Reason">Why it was chosen, for the comment above the call.</param>
/// <param name="UsesColumns">Whether the calls take an im2col columns buffer.</param>
internal sealed record ConvolutionAlgorithm(string Kernel, string Name, string Reason, bool UsesColumns)
{
    /// <summary>
    /// Up to this many taps per output (im2col's K = channels per group × kernel area), with few
    /// filters per group and stride 1, the products are too short for the matrix kernels' tiles to
    /// pay for unfolding the input, and direct loops win: 1.1 to 3.4 times faster on LeNet's layers
    /// and 3×3 layers up to 16 channels, 0.9 from 32 channels on (the measurements are on
    /// Precast.Kernels.DirectConvolution; benchmarks/Precast.Benchmarks/ConvolutionBenchmarks.cs
    /// repeats them).
    /// </summary>
    public const int DirectMaxTaps = 160;

    /// <summary>Filters per group up to which direct loops still win.</summary>
    public const int DirectMaxFilters = 16;

    /// <summary>The algorithm for a convolution (not transposed) of <paramref name="g"/>.</summary>
    public static ConvolutionAlgorithm For(ConvGeometry g)
    {
        // Depthwise loops win at stride 1 (1.4 to 1.7 times im2col); at stride 2 they lose the
        // training step (0.9), so strided depthwise layers take the matrix path.
        if (g.Groups == g.InChannels && g.Groups > 1 && g.StrideHeight == 1 && g.StrideWidth == 1)
            return Depthwise(g);
        if (g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideHeight == 1 && g.StrideWidth == 1 && g.PadTop == 0 && g.PadLeft == 0
            && g.OutHeight == g.InHeight && g.OutWidth == g.InWidth)
        {
            return new("PointwiseConvolution", "a matrix product",
                $"a 1×1 convolution is W [{N(g.GroupOutChannels)}, {N(g.GroupInChannels)}] times each sample's [{N(g.GroupInChannels)}, {N(g.InHeight * g.InWidth)}] channels, nothing to unfold", false);
        }
        if (g.StrideHeight == 1 && g.StrideWidth == 1 && g.Taps <= DirectMaxTaps && g.GroupOutChannels <= DirectMaxFilters)
        {
            return new("DirectConvolution", "direct loops",
                $"{N(g.Taps)} taps per output (at most {N(DirectMaxTaps)}) for {N(g.GroupOutChannels)} filters (at most {N(DirectMaxFilters)}) are too few for im2col's copy of every input window to pay off", false);
        }
        string why = g.StrideHeight != 1 || g.StrideWidth != 1
            ? "a strided window, where unfolding once beats the direct loops' strided reads"
            : $"{N(g.Taps)} taps per output for {N(g.GroupOutChannels)} filters make products large enough for the matrix kernels";
        return new("Im2ColConvolution", "im2col and a matrix product", why, true);
    }

    /// <summary>The algorithm of a depthwise layer (one group per input channel): its own loops at stride 1, else as any convolution.</summary>
    public static ConvolutionAlgorithm Depthwise(ConvGeometry g) =>
        g.StrideHeight != 1 || g.StrideWidth != 1 ? For(g) : new("DepthwiseConvolution", "depthwise loops",
            $"each of the {N(g.InChannels)} channels has its own {N(g.KernelHeight)}×{N(g.KernelWidth)} filter{(g.GroupOutChannels > 1 ? "s" : "")}, too little work per channel for a matrix product", false);

    /// <summary>The algorithm of a transposed convolution: the matrix path is the only one.</summary>
    public static ConvolutionAlgorithm ForTransposed(ConvGeometry g) =>
        new("TransposedConvolution", "a matrix product and col2im",
            $"each input value scatters a {N(g.KernelHeight)}×{N(g.KernelWidth)} window into the output; Wᵀ·x gives every window at once", true);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
