using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>How the report writes numbers, the same in every table; <see cref="Missing"/> for what was not measured.</summary>
public static class Format
{
    /// <summary>What a cell shows when the library could not run or did not measure that row.</summary>
    public const string Missing = "n/a";

    /// <summary>A time in microseconds, with one decimal and thousands separators.</summary>
    public static string Microseconds(double? microseconds) =>
        microseconds is double value ? value.ToString("N1", CultureInfo.InvariantCulture) : Missing;

    /// <summary>The other library's time over Precast's, as "2.41x": above 1 means Precast is faster.</summary>
    public static string Ratio(double? other, double? precast) =>
        other is double o && precast is double p ? (o / p).ToString("F2", CultureInfo.InvariantCulture) + "x" : Missing;

    /// <summary>A speed in GFLOP/s, with one decimal.</summary>
    public static string Gflops(double? gflops) =>
        gflops is double value ? value.ToString("F1", CultureInfo.InvariantCulture) : Missing;

    /// <summary>A share, as "42%".</summary>
    public static string Percent(double? fraction) =>
        fraction is double value ? (100 * value).ToString("F0", CultureInfo.InvariantCulture) + "%" : Missing;

    /// <summary>A small difference, as "3.6e-07".</summary>
    public static string Difference(double? difference) =>
        difference is double value ? value.ToString("0.0e+00", CultureInfo.InvariantCulture) : Missing;

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
