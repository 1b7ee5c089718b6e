namespace Precast;

/// <summary>Formats shapes the same way everywhere: <c>[1, 28, 28]</c>.</summary>
public static class ShapeText
{
    /// <summary>Formats <paramref name="shape"/> as <c>[d0, d1, ...]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append(shape[i]);
        }
        return text.Append(']').ToString();
    }

    /// <summary>The number of values a tensor of <paramref name="shape"/> holds: the product of its dimensions.</summary>
    public static int Length(ReadOnlySpan<int> shape)
    {
        long length = 1;
        foreach (int dimension in shape)
            length *= dimension;
        return checked((int)length);
    }
}
