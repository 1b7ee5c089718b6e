namespace Precast;

/// <summary>
/// What Conv2D, Conv2DTranspose and SeparableConv2D share beyond the window settings: a number of
/// output channels (<see cref="Filters"/>) and a <see cref="KernelHeight"/> × <see cref="KernelWidth"/>
/// window, square when the attribute is written with one kernel size.
/// </summary>
public abstract class FilterConvolutionAttribute : ConvolutionAttribute
{
    private protected FilterConvolutionAttribute(int filters, int kernelHeight, int kernelWidth)
    {
        Filters = filters;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
    }

    /// <summary>Output channels (of the pointwise step, for SeparableConv2D).</summary>
    public int Filters { get; }

    /// <summary>Kernel rows (of the depthwise step, for SeparableConv2D).</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel columns (of the depthwise step, for SeparableConv2D).</summary>
    public int KernelWidth { get; }
}
