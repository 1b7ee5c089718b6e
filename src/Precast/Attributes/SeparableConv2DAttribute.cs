namespace Precast;

/// <summary>
/// A depthwise separable 2-D convolution, as Keras's <c>SeparableConv2D</c>: a depthwise convolution
/// (each channel with its own kernel, no bias) named <c>Depthwise</c>, then a 1x1 convolution to
/// <c>filters</c> channels with the bias, named <c>Pointwise</c>. Its checkpoint tensors are
/// <c>{Name}.Depthwise.weight</c>, <c>{Name}.Pointwise.weight</c> and <c>{Name}.Pointwise.bias</c>, as
/// a PyTorch module with two <c>nn.Conv2d</c> children of those names would save them. Window
/// settings (stride, padding, dilation) apply to the depthwise step.
/// </summary>
public sealed class SeparableConv2DAttribute : FilterConvolutionAttribute
{
    /// <summary>Creates a separable convolution with <paramref name="filters"/> output channels and a square window.</summary>
    public SeparableConv2DAttribute(int filters, int kernel)
        : this(filters, kernel, kernel)
    {
    }

    /// <summary>Creates a separable convolution with <paramref name="filters"/> output channels and a <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> window.</summary>
    public SeparableConv2DAttribute(int filters, int kernelHeight, int kernelWidth)
        : base(filters, kernelHeight, kernelWidth)
    {
    }

    /// <summary>Depthwise output channels per input channel. Defaults to 1.</summary>
    public int DepthMultiplier { get; set; } = 1;
}
