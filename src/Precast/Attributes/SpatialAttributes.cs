namespace Precast;

/// <summary>
/// Adds zero rows and columns around each channel of a <c>[channels, height, width]</c> sample, as
/// Keras's <c>ZeroPadding2D</c>: 2 on a 32 × 32 image gives 36 × 36.
/// </summary>
public sealed class ZeroPadding2DAttribute : BorderAttribute
{
    /// <summary>Pads every side with <paramref name="pad"/> zeros.</summary>
    public ZeroPadding2DAttribute(int pad)
        : this(pad, pad, pad, pad)
    {
    }

    /// <summary>Pads the top and bottom with <paramref name="height"/> zero rows and the left and right with <paramref name="width"/> zero columns.</summary>
    public ZeroPadding2DAttribute(int height, int width)
        : this(height, height, width, width)
    {
    }

    /// <summary>Pads each side by its own amount.</summary>
    public ZeroPadding2DAttribute(int top, int bottom, int left, int right)
        : base(top, bottom, left, right)
    {
    }
}

/// <summary>Removes rows and columns from the borders of each channel of a <c>[channels, height, width]</c> sample, as Keras's <c>Cropping2D</c>.</summary>
public sealed class Cropping2DAttribute : BorderAttribute
{
    /// <summary>Removes <paramref name="crop"/> rows or columns on every side.</summary>
    public Cropping2DAttribute(int crop)
        : this(crop, crop, crop, crop)
    {
    }

    /// <summary>Removes <paramref name="height"/> rows at the top and bottom and <paramref name="width"/> columns at the left and right.</summary>
    public Cropping2DAttribute(int height, int width)
        : this(height, height, width, width)
    {
    }

    /// <summary>Removes each side's own amount.</summary>
    public Cropping2DAttribute(int top, int bottom, int left, int right)
        : base(top, bottom, left, right)
    {
    }
}

/// <summary>
/// Nearest-neighbour upsampling of a <c>[channels, height, width]</c> sample, as Keras's
/// <c>UpSampling2D</c> and PyTorch's <c>nn.Upsample(scale_factor, mode="nearest")</c>: each value is
/// repeated into a block, so H × W becomes (H·factor) × (W·factor).
/// </summary>
public sealed class UpSampling2DAttribute : LayerAttribute
{
    /// <summary>Repeats each value <paramref name="factor"/> times along both axes.</summary>
    public UpSampling2DAttribute(int factor)
        : this(factor, factor)
    {
    }

    /// <summary>Repeats each value <paramref name="height"/> times down and <paramref name="width"/> times across.</summary>
    public UpSampling2DAttribute(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>The factor along the height.</summary>
    public int Height { get; }

    /// <summary>The factor along the width.</summary>
    public int Width { get; }
}

/// <summary>
/// Gives each sample another shape with the same values in the same order (no copy), as PyTorch's
/// <c>view</c>: <c>[Reshape(1, 28, 28)]</c> turns a [784] vector into an image. One dimension may be
/// −1: it is inferred from the others.
/// </summary>
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <summary>Reshapes each sample to <paramref name="shape"/>.</summary>
    public ReshapeAttribute(params int[] shape) => Shape = shape;

    /// <summary>The new shape of one sample, without the batch dimension.</summary>
    public int[] Shape { get; }
}
