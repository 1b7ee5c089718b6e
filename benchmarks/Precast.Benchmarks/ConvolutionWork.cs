using Precast.Kernels;

namespace Precast.Benchmarks;

/// <summary>
/// One convolution's tensors at one batch, allocated once, and the calls of each algorithm on them:
/// what <see cref="ConvolutionBenchmarks"/> and the <c>compare</c> command's per-layer table time.
/// </summary>
public sealed class ConvolutionWork
{
    private readonly Conv2DGeometry geometry;
    private readonly int batch;
    private readonly bool inputGradient;
    private readonly float[] x, weight, bias, y, dy, dx, dWeight, dBias, columns;

    /// <summary>
    /// Random input, weight and output gradient for <paramref name="batch"/> samples of
    /// <paramref name="geometry"/>; no bias when <paramref name="hasBias"/> is false, and no data
    /// gradient in <see cref="Backward"/> when <paramref name="inputGradient"/> is (a network's first layer).
    /// </summary>
    public ConvolutionWork(Conv2DGeometry geometry, bool hasBias, int batch, bool inputGradient = true)
    {
        this.geometry = geometry;
        this.batch = batch;
        this.inputGradient = inputGradient;
        x = RandomValues.Create(batch * geometry.InputLength, seed: 4);
        weight = RandomValues.Create(geometry.WeightLength, seed: 5);
        bias = hasBias ? RandomValues.Create(geometry.OutChannels, seed: 6) : [];
        y = new float[batch * geometry.OutputLength];
        dy = RandomValues.Create(batch * geometry.OutputLength, seed: 7);
        dx = new float[batch * geometry.InputLength];
        dWeight = new float[geometry.WeightLength];
        dBias = new float[bias.Length];
        columns = new float[Im2ColConvolution.ColumnsLength(geometry)];
    }

    /// <summary>
    /// The algorithms that take <paramref name="g"/>, im2col and direct loops always, the others
    /// where their kernel accepts the geometry (the conditions their Forward checks).
    /// </summary>
    public static IReadOnlyList<ConvolutionKernel> Kernels(Conv2DGeometry g)
    {
        var kernels = new List<ConvolutionKernel> { ConvolutionKernel.Im2Col, ConvolutionKernel.Direct };
        if (g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideHeight == 1 && g.StrideWidth == 1 && g.PadTop == 0 && g.PadLeft == 0
            && g.OutHeight == g.InHeight && g.OutWidth == g.InWidth)
        {
            kernels.Add(ConvolutionKernel.Pointwise);
        }
        if (g.Groups == g.InChannels)
            kernels.Add(ConvolutionKernel.Depthwise);
        return kernels;
    }

    /// <summary>The forward pass, with the bias if there is one; returns one output so the work cannot be skipped.</summary>
    public float Forward(ConvolutionKernel kernel)
    {
        switch (kernel)
        {
            case ConvolutionKernel.Im2Col: Im2ColConvolution.Forward<float>(x, weight, bias, y, columns, geometry, batch); break;
            case ConvolutionKernel.Direct: DirectConvolution.Forward<float>(x, weight, bias, y, geometry, batch); break;
            case ConvolutionKernel.Pointwise: PointwiseConvolution.Forward<float>(x, weight, bias, y, geometry, batch); break;
            case ConvolutionKernel.Depthwise: DepthwiseConvolution.Forward<float>(x, weight, bias, y, geometry, batch); break;
            default: throw new ArgumentOutOfRangeException(nameof(kernel), kernel, null);
        }
        return y[0];
    }

    /// <summary>
    /// A training step's work after the forward pass: the data gradient, unless the layer has none
    /// (overwriting, as for a layer whose input no other layer reads), and the parameter gradients;
    /// returns one value of each.
    /// </summary>
    public float Backward(ConvolutionKernel kernel)
    {
        if (inputGradient)
            BackwardData(kernel);
        BackwardWeights(kernel);
        return dx[0] + dWeight[0];
    }

    private void BackwardData(ConvolutionKernel kernel)
    {
        switch (kernel)
        {
            case ConvolutionKernel.Im2Col: Im2ColConvolution.BackwardData<float>(dy, weight, dx, columns, geometry, batch, accumulate: false); break;
            case ConvolutionKernel.Direct: DirectConvolution.BackwardData<float>(dy, weight, dx, geometry, batch, accumulate: false); break;
            case ConvolutionKernel.Pointwise: PointwiseConvolution.BackwardData<float>(dy, weight, dx, geometry, batch, accumulate: false); break;
            case ConvolutionKernel.Depthwise: DepthwiseConvolution.BackwardData<float>(dy, weight, dx, geometry, batch, accumulate: false); break;
            default: throw new ArgumentOutOfRangeException(nameof(kernel), kernel, null);
        }
    }

    private void BackwardWeights(ConvolutionKernel kernel)
    {
        switch (kernel)
        {
            case ConvolutionKernel.Im2Col: Im2ColConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, columns, geometry, batch); break;
            case ConvolutionKernel.Direct: DirectConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, geometry, batch); break;
            case ConvolutionKernel.Pointwise: PointwiseConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, geometry, batch); break;
            case ConvolutionKernel.Depthwise: DepthwiseConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, geometry, batch); break;
            default: throw new ArgumentOutOfRangeException(nameof(kernel), kernel, null);
        }
    }
}
