using System.Diagnostics;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// Times single calls after a warm-up and reports the median, as benchmarks/compare/torch_compare.py
/// does, so every column of the comparison is measured alike. The median, not the mean, so a few
/// calls slowed by the machine do not move the result. Calls are timed with
/// <see cref="TimingClocks.Current"/> (elapsed time unless <c>--clock cpu</c>).
/// </summary>
public static class MedianTimer
{
    private const int MaxSamples = 100_000;

    /// <summary>Runs <paramref name="call"/> for the budget's warm-up, then times single calls; the median in microseconds.</summary>
    public static double MedianMicroseconds(Action call, TimingBudget budget)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(budget);
        long warmupEnd = Stopwatch.GetTimestamp() + Ticks(budget.WarmupSeconds);
        while (Stopwatch.GetTimestamp() < warmupEnd)
            call();

        // The budget is elapsed time whatever the clock, so a run takes as long on a loaded machine.
        var samples = new long[MaxSamples];
        int count = 0;
        long measureEnd = Stopwatch.GetTimestamp() + Ticks(budget.MeasureSeconds);
        while (count < MaxSamples && (count < budget.MinSamples || Stopwatch.GetTimestamp() < measureEnd))
        {
            long start = TimingClocks.Now();
            call();
            samples[count++] = TimingClocks.Now() - start;
        }

        Array.Sort(samples, 0, count);
        double median = count % 2 == 1 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2.0;
        return median * 1e6 / Stopwatch.Frequency;
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
