using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;

namespace Precast.Benchmarks;

/// <summary>
/// Prints zero allocations as "0 B" rather than BenchmarkDotNet's default "-", so the summary
/// states the zero-allocation promise instead of leaving a blank.
/// </summary>
public sealed class ZeroAllocationConfig : ManualConfig
{
    /// <summary>The default configuration with zero metric values written out.</summary>
    public ZeroAllocationConfig() => SummaryStyle = SummaryStyle.Default.WithZeroMetricValuesInContent();
}
