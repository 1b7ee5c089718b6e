namespace Precast;

/// <summary>
/// A 2-D convolution over a <c>[channels, height, width]</c> sample, as PyTorch's <c>nn.Conv2d</c>:
/// <c>y[o, i, j] = b[o] + Σ_c Σ_u Σ_v W[o, c, u, v] · x[c, i·stride − padTop + u·dilation, j·stride − padLeft + v·dilation]</c>,
/// with <c>W</c> of shape [filters, channels / groups, kernelHeight, kernelWidth] and <c>b</c> of
/// shape [filters]. The output is <c>[filters, outHeight, outWidth]</c> with
/// <c>out = ⌊(in + padBefore + padAfter − dilation·(kernel − 1) − 1) / stride⌋ + 1</c> per axis.
/// </summary>
/// <remarks>
/// The generator picks the algorithm from the constant shapes (a 1x1 convolution is a matrix
/// product, small ones run direct loops, the rest im2col over the matrix kernels) and says in a
/// comment of the emitted code which it chose and why.
/// </remarks>
public sealed class Conv2DAttribute : FilterConvolutionAttribute
{
    /// <summary>Creates a convolution with <paramref name="filters"/> output channels and a square <paramref name="kernel"/> × <paramref name="kernel"/> window.</summary>
    public Conv2DAttribute(int filters, int kernel)
        : this(filters, kernel, kernel)
    {
    }

    /// <summary>Creates a convolution with <paramref name="filters"/> output channels and a <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> window (1 × 7, 7 × 1, ...).</summary>
    public Conv2DAttribute(int filters, int kernelHeight, int kernelWidth)
        : base(filters, kernelHeight, kernelWidth)
    {
    }

    /// <summary>
    /// Channel groups, as PyTorch's <c>groups</c>: each group of <c>channels / Groups</c> inputs feeds
    /// its own <c>filters / Groups</c> outputs. Both counts must divide evenly. Defaults to 1.
    /// </summary>
    public int Groups { get; set; } = 1;
}
