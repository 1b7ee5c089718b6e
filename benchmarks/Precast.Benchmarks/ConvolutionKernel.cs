namespace Precast.Benchmarks;

/// <summary>
/// The convolution algorithms of <c>Precast.Kernels</c>, each a class <c>{name}Convolution</c> with
/// Forward, BackwardData and BackwardWeights (<c>ConvolutionWork</c> calls them).
/// </summary>
public enum ConvolutionKernel
{
    /// <summary><c>Im2ColConvolution</c>: unfold the input windows into columns, then a matrix product. Takes any geometry.</summary>
    Im2Col,

    /// <summary><c>DirectConvolution</c>: loops over the input rows each output row reads, no scratch. Takes any geometry.</summary>
    Direct,

    /// <summary><c>PointwiseConvolution</c>: a matrix product per sample. Only 1×1, stride 1, unpadded.</summary>
    Pointwise,

    /// <summary><c>DepthwiseConvolution</c>: one filter per channel. Only one group per input channel.</summary>
    Depthwise,
}
