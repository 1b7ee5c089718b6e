using System.Globalization;

namespace Precast.Generator.Emission;

/// <summary>Formats numbers for generated code and comments, the same on every machine.</summary>
internal static class Literals
{
    /// <summary>A C# literal of the element type that round-trips the value: 0.01f, 0.5d.</summary>
    public static string Typed(double value, string elementType) => elementType == "float"
        ? ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    /// <summary>The shortest text that round-trips the value, for comments: 0.01.</summary>
    public static string Readable(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators, for comments and tables: 101,770.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
