namespace Precast;

/// <summary>
/// What ZeroPadding2D and Cropping2D share: an amount per side of each channel of a
/// <c>[channels, height, width]</c> sample, rows at the top and bottom and columns at the left and
/// right, added as zeros (ZeroPadding2D) or removed (Cropping2D).
/// </summary>
public abstract class BorderAttribute : LayerAttribute
{
    private protected BorderAttribute(int top, int bottom, int left, int right)
    {
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
    }

    /// <summary>Rows added or removed at the top.</summary>
    public int Top { get; }

    /// <summary>Rows added or removed at the bottom.</summary>
    public int Bottom { get; }

    /// <summary>Columns added or removed on the left.</summary>
    public int Left { get; }

    /// <summary>Columns added or removed on the right.</summary>
    public int Right { get; }
}
