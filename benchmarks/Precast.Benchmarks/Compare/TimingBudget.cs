using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>How long <see cref="MedianTimer"/> runs an operation: warm-up, then timed single calls.</summary>
/// <param name="WarmupSeconds">Seconds of calls before the measurement, for the JIT, the caches and the allocators to settle.</param>
/// <param name="MeasureSeconds">Seconds of timed calls, unless <paramref name="MinSamples"/> take longer.</param>
/// <param name="MinSamples">Calls timed at least: enough for a stable median of the slowest operations.</param>
public sealed record TimingBudget(double WarmupSeconds, double MeasureSeconds, int MinSamples)
{
    /// <summary>
    /// Whole networks and sgemm, in every library. torch_compare.py's own constants are the same
    /// (its network and sgemm timings take no budget argument).
    /// </summary>
    public static TimingBudget Network { get; } = new(0.5, 2.0, 20);

    /// <summary>
    /// Each convolution alone, per algorithm and pass, and the FMA peak: shorter, since the ResNet
    /// has 8 distinct convolutions, each timed with two or three algorithms, two passes and two
    /// batches (68 timings, about a minute); torch_compare.py gets it as arguments.
    /// </summary>
    public static TimingBudget Kernel { get; } = new(0.2, 0.5, 20);

    /// <summary>"a 0.5 s warm-up, then 2 s (at least 20 calls)".</summary>
    public string Describe() =>
        $"a {Seconds(WarmupSeconds)} s warm-up, then {Seconds(MeasureSeconds)} s (at least {MinSamples.ToString(CultureInfo.InvariantCulture)} calls)";

    /// <summary>A number of seconds as the command line and the report write it: "0.5".</summary>
    public static string Seconds(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
