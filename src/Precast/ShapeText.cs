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
}
