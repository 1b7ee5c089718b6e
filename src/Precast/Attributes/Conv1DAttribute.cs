namespace Precast;

/// <summary>
/// A 1-D convolution over a <c>[channels, length]</c> sample (TextCNN over embedded words, as
/// PyTorch's <c>nn.Conv1d</c>): the <see cref="Conv2DAttribute"/> formula with height 1. The weight
/// is [filters, channels / groups, kernel]; the output <c>[filters, outLength]</c>. Use
/// <see cref="WindowAttribute.Stride"/>, <see cref="WindowAttribute.Pad"/> (or <c>PadLeft</c> /
/// <c>PadRight</c>) and <see cref="ConvolutionAttribute.Dilation"/>; the height settings do not apply.
/// </summary>
public sealed class Conv1DAttribute : ConvolutionAttribute
{
    /// <summary>Creates a convolution with <paramref name="filters"/> output channels and a window of <paramref name="kernel"/> positions.</summary>
    public Conv1DAttribute(int filters, int kernel)
    {
        Filters = filters;
        Kernel = kernel;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Window length.</summary>
    public int Kernel { get; }

    /// <summary>Channel groups, as PyTorch's <c>groups</c>. Defaults to 1.</summary>
    public int Groups { get; set; } = 1;
}
