using System.Diagnostics;
using Xunit.Sdk;

namespace Precast.Runtime.Tests;

/// <summary>
/// The allocation helper every "allocates nothing" test uses (tests/Shared/Allocations.cs): it
/// catches an allocation made on every call, and it ignores the one-time kind that made the old
/// measurement flaky.
/// </summary>
/// <remarks>The helper does not depend on the SIMD path, so these run on the default path only.</remarks>
[Trait(SimdPathTests.Trait, SimdPathTests.DefaultPathOnly)]
public sealed class AllocationsTests
{
    // Stored in a static field so that the array escapes and the JIT cannot allocate it on the stack.
    private static object? s_sink;

    [Fact]
    public void AnAllocationOnEveryCall_FailsAndIsReportedPerCall()
    {
        var error = Assert.ThrowsAny<XunitException>(() => Allocations.AssertNone(() => s_sink = new byte[8]));

        // A byte[8] is 32 bytes on a 64-bit runtime: header, method table, length (padded), data.
        Assert.Contains("allocates 32 bytes per call (at least 3,200 bytes in every one of ", error.Message);
        Assert.Contains("measured rounds of 100 calls", error.Message);
        Assert.EndsWith("s_sink = new byte[8]", error.Message);
    }

    [Fact]
    public void AnAllocationOnEveryCall_IsMeasuredInEveryRound()
    {
        AllocationMeasurement measurement = Allocations.Measure(() => s_sink = new byte[8], callsPerRound: 10, patience: TimeSpan.Zero);

        Assert.Equal(32, measurement.BytesPerCall);
        Assert.Equal(320, measurement.LeastPerRound);
        Assert.Equal(Allocations.MeasuredRounds, measurement.MeasuredRounds.Length);
    }

    [Fact]
    public void AnAllocationOnEveryOtherCall_IsMeasuredAtItsAverage()
    {
        int calls = 0;

        AllocationMeasurement measurement = Allocations.Measure(() =>
        {
            if (calls++ % 2 == 0)
                s_sink = new byte[8];
        }, patience: TimeSpan.Zero);

        Assert.Equal(16, measurement.BytesPerCall);
    }

    [Fact]
    public void AllocationsOnTheFirstCallsOnly_AreWarmUp()
    {
        // Like a static constructor or lazy initialisation: the first 150 calls allocate.
        int calls = 0;

        AllocationMeasurement measurement = Allocations.Measure(() =>
        {
            if (calls++ < 150)
                s_sink = new byte[8];
        });

        Assert.True(measurement.WarmUpRounds.Sum() >= 150 * 32, string.Join(", ", measurement.WarmUpRounds));
        Assert.Equal(0, measurement.LeastPerRound);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(150)]
    [InlineData(350)]
    [InlineData(550)]
    [InlineData(750)]
    public void AOneTimeAllocation_PassesWhicheverRoundItFallsIn(int allocateAt)
    {
        // What the tiering JIT can do at any moment: allocate once. Warm-up usually takes
        // StableRounds rounds of 100 calls, so calls 300 to 799 fall in the measured rounds.
        int calls = 0;

        AllocationMeasurement measurement = Allocations.Measure(() =>
        {
            if (calls++ == allocateAt)
                s_sink = new byte[8];
        });

        Assert.True(measurement.WarmUpRounds.Sum() + measurement.MeasuredRounds.Sum() >= 32, "the allocation was not seen at all");
        Assert.Equal(0, measurement.LeastPerRound);
    }

    [Fact]
    public void AllocationsThatStopAfterAWhile_AreWaitedOut()
    {
        // Like code that allocates only until the JIT replaces its tier-0 version: the first 100 ms.
        // The patience is far longer than that, so a slow machine cannot make this fail.
        var clock = Stopwatch.StartNew();

        AllocationMeasurement measurement = Allocations.Measure(() =>
        {
            if (clock.ElapsedMilliseconds < 100)
                s_sink = new byte[8];
        }, patience: TimeSpan.FromSeconds(10));

        Assert.Equal(0, measurement.LeastPerRound);
        Assert.True(clock.ElapsedMilliseconds >= 100);
    }
}
