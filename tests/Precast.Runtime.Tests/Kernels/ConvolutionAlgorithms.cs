using System.Numerics;
using Precast.Kernels;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>The convolution algorithms, called the same way so that one test can run each of them.</summary>
public enum Algorithm
{
    Im2Col,
    Pointwise,
    Direct,
    Depthwise,
}

/// <summary>Dispatch to each algorithm's kernels, with the scratch each needs.</summary>
public static class ConvolutionAlgorithms
{
    /// <summary>Whether the algorithm takes the geometry.</summary>
    public static bool Applies(Algorithm algorithm, Conv2DGeometry g) => algorithm switch
    {
        Algorithm.Pointwise => g is { KernelHeight: 1, KernelWidth: 1, StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadLeft: 0 }
                               && g.OutHeight == g.InHeight && g.OutWidth == g.InWidth,
        Algorithm.Depthwise => g.Groups == g.InChannels,
        _ => true,
    };

    /// <summary>The scratch buffer the algorithm needs (empty for those that need none).</summary>
    public static T[] Scratch<T>(Algorithm algorithm, Conv2DGeometry g)
        => algorithm == Algorithm.Im2Col ? new T[Im2ColConvolution.ColumnsLength(g)] : [];

    public static void Forward<T>(Algorithm algorithm, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, Span<T> scratch, Conv2DGeometry g, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (algorithm)
        {
            case Algorithm.Im2Col: Im2ColConvolution.Forward(x, w, b, y, scratch, g, batch); break;
            case Algorithm.Pointwise: PointwiseConvolution.Forward(x, w, b, y, g, batch); break;
            case Algorithm.Direct: DirectConvolution.Forward(x, w, b, y, g, batch); break;
            default: DepthwiseConvolution.Forward(x, w, b, y, g, batch); break;
        }
    }

    public static void BackwardData<T>(Algorithm algorithm, ReadOnlySpan<T> dy, ReadOnlySpan<T> w, Span<T> dx, Span<T> scratch, Conv2DGeometry g, int batch, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (algorithm)
        {
            case Algorithm.Im2Col: Im2ColConvolution.BackwardData(dy, w, dx, scratch, g, batch, accumulate); break;
            case Algorithm.Pointwise: PointwiseConvolution.BackwardData(dy, w, dx, g, batch, accumulate); break;
            case Algorithm.Direct: DirectConvolution.BackwardData(dy, w, dx, g, batch, accumulate); break;
            default: DepthwiseConvolution.BackwardData(dy, w, dx, g, batch, accumulate); break;
        }
    }

    public static void BackwardWeights<T>(Algorithm algorithm, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dw, Span<T> db, Span<T> scratch, Conv2DGeometry g, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (algorithm)
        {
            case Algorithm.Im2Col: Im2ColConvolution.BackwardWeights(x, dy, dw, db, scratch, g, batch); break;
            case Algorithm.Pointwise: PointwiseConvolution.BackwardWeights(x, dy, dw, db, g, batch); break;
            case Algorithm.Direct: DirectConvolution.BackwardWeights(x, dy, dw, db, g, batch); break;
            default: DepthwiseConvolution.BackwardWeights(x, dy, dw, db, g, batch); break;
        }
    }
}
