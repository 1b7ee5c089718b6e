using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Precast.Benchmarks.Compare;

/// <summary>Facts about this machine that the comparison's numbers depend on, read from Linux's /proc.</summary>
public static class MachineFacts
{
    /// <summary>Above this one-minute load average another process was probably competing for the 2 cores.</summary>
    public const double BusyLoadAverage = 1.2;

    /// <summary>The first "model name" in /proc/cpuinfo, or why it could not be read.</summary>
    public static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
            return $"unknown ({cpuInfo} does not exist)";
        string? line = File.ReadLines(cpuInfo).FirstOrDefault(text => text.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? $"unknown (no \"model name\" in {cpuInfo})" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    /// <summary>The vector widths .NET uses here: Precast's kernels run on Vector256 (AVX2 and FMA).</summary>
    public static string Simd() =>
        $"Vector256 {(Vector256.IsHardwareAccelerated ? "on" : "off")}, Vector512 {(Vector512.IsHardwareAccelerated ? "on" : "off")}";

    /// <summary>The .NET runtime and the operating system.</summary>
    public static string Runtime() => $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}";

    /// <summary>The one-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static double? LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        if (!File.Exists(loadAverage))
            return null;
        string first = File.ReadAllText(loadAverage).Split(' ')[0];
        return double.Parse(first, CultureInfo.InvariantCulture);
    }
}
