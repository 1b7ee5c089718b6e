namespace Precast;

/// <summary>
/// A depthwise 2-D convolution, as Keras's <c>DepthwiseConv2D</c> and PyTorch's <c>nn.Conv2d</c> with
/// <c>groups = channels</c>: each input channel is convolved with its own
/// <see cref="DepthMultiplier"/> kernels, giving <c>channels · DepthMultiplier</c> output channels.
/// The weight is [channels · multiplier, 1, kernelHeight, kernelWidth] (PyTorch's layout).
/// </summary>
public sealed class DepthwiseConv2DAttribute : ConvolutionAttribute
{
    /// <summary>Creates a depthwise convolution with a square window.</summary>
    public DepthwiseConv2DAttribute(int kernel)
        : this(kernel, kernel)
    {
    }

    /// <summary>Creates a depthwise convolution with a <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> window.</summary>
    public DepthwiseConv2DAttribute(int kernelHeight, int kernelWidth)
    {
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
    }

    /// <summary>Kernel rows.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel columns.</summary>
    public int KernelWidth { get; }

    /// <summary>Output channels per input channel. Defaults to 1.</summary>
    public int DepthMultiplier { get; set; } = 1;
}
