namespace Precast;

/// <summary>
/// Max pooling over a <c>[channels, height, width]</c> sample, as PyTorch's <c>nn.MaxPool2d</c>: each
/// output is the largest value of its window in its channel. The stride defaults to the window size
/// (non-overlapping windows); padding positions never win (they count as −∞). The gradient goes to the
/// first largest value of each window.
/// </summary>
public sealed class MaxPool2DAttribute : WindowAttribute
{
    /// <summary>Creates a max pooling with a square <paramref name="size"/> × <paramref name="size"/> window.</summary>
    public MaxPool2DAttribute(int size)
        : this(size, size)
    {
    }

    /// <summary>Creates a max pooling with a <paramref name="height"/> × <paramref name="width"/> window.</summary>
    public MaxPool2DAttribute(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Window rows.</summary>
    public int Height { get; }

    /// <summary>Window columns.</summary>
    public int Width { get; }
}

/// <summary>
/// Average pooling over a <c>[channels, height, width]</c> sample: each output is the mean of its
/// window's values inside the input. Padding positions are not counted (a corner window of a padded
/// input averages fewer values), as Keras does and PyTorch's <c>nn.AvgPool2d(count_include_pad=False)</c>.
/// The stride defaults to the window size.
/// </summary>
public sealed class AvgPool2DAttribute : WindowAttribute
{
    /// <summary>Creates an average pooling with a square <paramref name="size"/> × <paramref name="size"/> window.</summary>
    public AvgPool2DAttribute(int size)
        : this(size, size)
    {
    }

    /// <summary>Creates an average pooling with a <paramref name="height"/> × <paramref name="width"/> window.</summary>
    public AvgPool2DAttribute(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Window rows.</summary>
    public int Height { get; }

    /// <summary>Window columns.</summary>
    public int Width { get; }
}

/// <summary>
/// Max pooling over a <c>[channels, length]</c> sample, as PyTorch's <c>nn.MaxPool1d</c> (TextCNN's
/// pooling over positions). The stride defaults to the window size; use <c>Pad</c>, <c>PadLeft</c> or
/// <c>PadRight</c> for padding.
/// </summary>
public sealed class MaxPool1DAttribute : WindowAttribute
{
    /// <summary>Creates a max pooling with a window of <paramref name="size"/> positions.</summary>
    public MaxPool1DAttribute(int size) => Size = size;

    /// <summary>Window length.</summary>
    public int Size { get; }
}

/// <summary>The mean of each channel of a <c>[channels, height, width]</c> sample: the output is <c>[channels]</c>, as Keras's <c>GlobalAveragePooling2D</c>.</summary>
public sealed class GlobalAvgPool2DAttribute : LayerAttribute;

/// <summary>The largest value of each channel of a <c>[channels, height, width]</c> sample: the output is <c>[channels]</c>, as Keras's <c>GlobalMaxPooling2D</c>.</summary>
public sealed class GlobalMaxPool2DAttribute : LayerAttribute;
