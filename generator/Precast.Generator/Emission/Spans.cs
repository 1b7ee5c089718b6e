namespace Precast.Generator.Emission;

/// <summary>
/// Span expressions over the model's arrays, written with the Span constructor rather than the
/// AsSpan extension: an extension method is found through the user's own namespaces first, so a
/// user's AsSpan could capture the call.
/// </summary>
internal static class Spans
{
    /// <summary><c>new global::System.Span&lt;float&gt;(array, start, length)</c>.</summary>
    public static string Slice(string elementType, string array, string start, string length) =>
        $"new global::System.Span<{elementType}>({array}, {start}, {length})";
}
