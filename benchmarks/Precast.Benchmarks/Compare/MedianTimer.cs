using System.Diagnostics;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// Times single calls after a warm-up and reports the median, with the same budget as
/// benchmarks/compare/torch_compare.py, so every column of the comparison is measured alike.
/// The median, not the mean, so a few calls slowed by the machine do not move the result.
/// </summary>
public static class MedianTimer
{
    /// <summary>Seconds of calls before the measurement, for the JIT, the caches and the allocators to settle.</summary>
    public const double WarmupSeconds = 0.5;

    /// <summary>Seconds of timed calls, unless <see cref="MinSamples"/> take longer.</summary>
    public const double MeasureSeconds = 2.0;

    /// <summary>Calls timed at least: enough for a stable median of the slowest operations (a ResNet training step).</summary>
    public const int MinSamples = 20;

    private const int MaxSamples = 100_000;

    /// <summary>Runs <paramref name="call"/> for the warm-up, then times single calls; the median in microseconds.</summary>
    public static double MedianMicroseconds(Action call)
    {
        long warmupEnd = Stopwatch.GetTimestamp() + Ticks(WarmupSeconds);
        while (Stopwatch.GetTimestamp() < warmupEnd)
            call();

        var samples = new long[MaxSamples];
        int count = 0;
        long measureEnd = Stopwatch.GetTimestamp() + Ticks(MeasureSeconds);
        while (count < MaxSamples && (count < MinSamples || Stopwatch.GetTimestamp() < measureEnd))
        {
            long start = Stopwatch.GetTimestamp();
            call();
            samples[count++] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(samples, 0, count);
        double median = count % 2 == 1 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2.0;
        return median * 1e6 / Stopwatch.Frequency;
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
