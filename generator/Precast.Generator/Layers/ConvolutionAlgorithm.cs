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
    // When direct loops win (measured 2026-12-02, after im2col began multiplying chunks of samples at
    // once): interleaved A/B in one process, processor time (CLOCK_PROCESS_CPUTIME_ID) of
    // ConvolutionWork's calls, the median of single calls per round and of 5 to 7 rounds, float,
    // 256-bit vectors, a 2-core EPYC shared with other jobs (load 6 to 12). im2col's time over direct
    // loops' (below 1: im2col faster), forward / training work, batch 1; batch 64:
    //   LeNet C1 1→6 5×5 pad 2 on 28×28, first layer (25 taps, 6 filters): 0.83–0.86 / 1.01–1.09; 0.82–0.85 / 1.04–1.11 (4 runs)
    //   1→6 5×5 valid on 28×28, first layer (25, 6): 0.96 / 1.10; 0.97 / 1.13
    //   4→6 5×5 pad 2 on 28×28 (100, 6): 1.19 / 1.12; 1.21 / 1.15
    //   6→6 5×5 valid on 14×14 (150, 6): 1.00 / 1.19; 1.05 / 1.01
    //   1→8 5×5 pad 2, first layer (25, 8): 0.73 / 0.98; 0.69 / 0.93
    //   1→16 5×5 pad 2, first layer (25, 16): 0.67 / 0.84; 0.63 / 0.80
    //   1→6 3×3 same, first layer (9, 6): 0.51 / 1.14; 0.67 / 1.13
    //   ResNet stem 1→16 3×3 same, first layer (9, 16): 0.55 / 0.91; 0.52 / 0.95
    //   2→6 3×3 same (18, 6): 0.75 / 0.59; 0.74 / 0.60
    //   2→16 3×3 same (18, 16): 0.59 / 0.43; 0.55 / 0.41
    //   4→16 3×3 same (36, 16): 0.58 / 0.57; 0.57 / 0.60
    //   8→4 3×3 same on 14×14 (72, 4): 0.80 / 1.03; 0.78 / 0.95
    //   8→16 3×3 same on 14×14 (72, 16): 0.55 / 0.65; 0.52 / 0.59
    //   16→6 3×3 same on 28×28 (144, 6): 0.80 / 1.04; 0.89 / 1.11
    //   Inception's 8→12 1×7 and 12→12 7×1 on 14×14 (56 and 84, 12): 0.47 to 0.71
    //   LeNet C3 6→16 5×5 (150, 16), ResNet 16→16 3×3 (144, 16), from `compare --clock cpu`: 0.47 to 0.76
    //   3→16 3×3 same, first layer (27, 16), on 32×32: 1.16 / 0.99; 1.27 / 1.13 (a third run: 0.95 / 0.97; 0.96 / 1.10),
    //   on 30×30: 0.63 / 0.99; 0.69 / 0.95, on 28×28: 0.61 / 0.82; 0.44 / 0.69: the one exception, rows of 32 (whole vectors
    //   for direct loops, 1,024 columns for im2col) favour direct loops; the rule leaves it to im2col.
    // (A first layer's training work is the weight gradient alone: the model computes no input gradient there.)
    // So direct loops tie or win only with few filters and a kernel of 5×5 or more: their register
    // tile sums every tap of an output in place, which pays with many taps per input row, while
    // im2col's copy of each window is shared by only a few filters' products. With 3×3 kernels, or
    // more than 6 filters, im2col is faster; the number of taps alone does not decide (few taps lose
    // worst). benchmarks/Precast.Benchmarks's ConvolutionBenchmarks and the compare command's
    // per-layer table repeat such measurements.

    /// <summary>Filters per group up to which direct loops tie with or beat im2col (6: one register tile of DirectTiles, LeNet's first layer).</summary>
    public const int DirectMaxFilters = 6;

    /// <summary>Kernel positions (KernelHeight·KernelWidth) from which direct loops tie with or beat im2col: a 5×5 kernel; 3×3 ones lose.</summary>
    public const int DirectMinKernelArea = 25;

    /// <summary>Taps per output (Cg·Kh·Kw, im2col's K) up to which direct loops were measured to win: 150, LeNet's 6→16 5×5 layer; past it, the general algorithm.</summary>
    public const int DirectMaxTaps = 150;

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
        long kernelArea = (long)g.KernelHeight * g.KernelWidth;
        bool strided = g.StrideHeight != 1 || g.StrideWidth != 1;
        if (!strided && g.GroupOutChannels <= DirectMaxFilters && kernelArea >= DirectMinKernelArea && g.Taps <= DirectMaxTaps)
        {
            return new("DirectConvolution", "direct loops",
                $"{N(g.GroupOutChannels)} filters (at most {N(DirectMaxFilters)}) with a {N(g.KernelHeight)}×{N(g.KernelWidth)} kernel (at least {N(DirectMinKernelArea)} positions) and {N(g.Taps)} taps per output (at most {N(DirectMaxTaps)}): too few filters share im2col's copy of each window, and the loops sum every tap in registers, with no scratch", false);
        }
        string why = strided ? "a strided window, where unfolding once beats the direct loops' strided reads"
            : g.GroupOutChannels > DirectMaxFilters ? $"{N(g.GroupOutChannels)} filters (more than {N(DirectMaxFilters)}) share each unfolded window, so the matrix product beats direct loops"
            : kernelArea < DirectMinKernelArea ? $"a {N(g.KernelHeight)}×{N(g.KernelWidth)} kernel (fewer than {N(DirectMinKernelArea)} positions) gives direct loops too few taps per input row to beat the matrix product"
            : $"{N(g.Taps)} taps per output (more than {N(DirectMaxTaps)}, past the layers where direct loops were measured to win) make products large enough for the matrix kernels";
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
