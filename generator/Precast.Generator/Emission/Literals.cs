using System.Globalization;

namespace Precast.Generator.Emission;

/// <summary>Formats numbers for generated code and comments, the same on every machine.</summary>
internal static class Literals
{
    /// <summary>
    /// A C# literal of the element type that round-trips the value: 0.01f, 0.5d. The shortest
    /// text when it parses back to the same value ("R"), else G9 or G17, the formats guaranteed to
    /// round-trip ("R" is not on .NET Framework, where Visual Studio runs the generator). The value
    /// must be finite in the type; shape inference rejects anything else before emission.
    /// </summary>
    public static string Typed(double value, string elementType)
    {
        if (elementType == "float")
        {
            float single = (float)value;
            string shortest = single.ToString("R", CultureInfo.InvariantCulture);
            bool exact = float.TryParse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed) && parsed.Equals(single);
            return (exact ? shortest : single.ToString("G9", CultureInfo.InvariantCulture)) + "f";
        }
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        bool roundTrips = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double back) && back.Equals(value);
        return (roundTrips ? text : value.ToString("G17", CultureInfo.InvariantCulture)) + "d";
    }

    /// <summary>The shortest text that round-trips the value, for comments: 0.01.</summary>
    public static string Readable(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators, for comments and tables: 101,770.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
