using System.Globalization;

namespace Precast.Data;

/// <summary>Numbers in messages, formatted the same on every machine: <c>47,040,000</c>.</summary>
internal static class InvariantText
{
    /// <summary>Formats <paramref name="value"/> with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
