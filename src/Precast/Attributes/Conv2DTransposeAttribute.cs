namespace Precast;

/// <summary>
/// A transposed 2-D convolution (the gradient of a convolution with respect to its input, used to
/// upsample), as PyTorch's <c>nn.ConvTranspose2d</c>: the weight is
/// [channels, filters / groups, kernelHeight, kernelWidth] and the output has
/// <c>out = (in − 1)·stride − padBefore − padAfter + dilation·(kernel − 1) + outputPad + 1</c>
/// positions per axis. <see cref="WindowAttribute.Pad"/> is PyTorch's <c>padding</c>;
/// <see cref="Precast.Padding.Same"/> gives <c>in·stride</c> positions, as Keras's <c>padding="same"</c>.
/// </summary>
public sealed class Conv2DTransposeAttribute : FilterConvolutionAttribute
{
    /// <summary>Creates a transposed convolution with <paramref name="filters"/> output channels and a square window.</summary>
    public Conv2DTransposeAttribute(int filters, int kernel)
        : this(filters, kernel, kernel)
    {
    }

    /// <summary>Creates a transposed convolution with <paramref name="filters"/> output channels and a <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> window.</summary>
    public Conv2DTransposeAttribute(int filters, int kernelHeight, int kernelWidth)
        : base(filters, kernelHeight, kernelWidth)
    {
    }

    /// <summary>Channel groups, as PyTorch's <c>groups</c>. Defaults to 1.</summary>
    public int Groups { get; set; } = 1;

    /// <summary>
    /// Extra rows and columns added to one side of the output (PyTorch's <c>output_padding</c>), to pick
    /// between the input sizes a strided convolution maps to the same output; less than the stride or the dilation.
    /// </summary>
    public int OutputPad { get; set; }
}
