using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Precast.Testing;

/// <summary>
/// Measures what code allocates per call once it runs in its steady state, so that an allocation
/// test fails for what the code does and never for what the runtime happened to do around it.
/// Every allocation assertion in the test projects goes through <see cref="AssertNone"/>.
/// </summary>
/// <remarks>
/// <para>
/// Bytes are counted on the calling thread only (<see cref="GC.GetAllocatedBytesForCurrentThread"/>),
/// so tests running in parallel and the JIT's background thread never count. What can still land
/// on the thread is one-time work: static constructors and lazy initialisation on first use, and the
/// runtime's bookkeeping while methods move from tier 0 to tier 1 (call counting, on-stack
/// replacement, rejit), which happens whenever the tiering JIT gets to it, possibly in the middle of
/// a measurement.
/// </para>
/// <para>
/// So the code runs in rounds of <c>callsPerRound</c> calls. Warm-up: rounds until
/// <see cref="StableRounds"/> in a row allocate the same number of bytes (at most
/// <see cref="MaxWarmUpRounds"/>). Measurement: <see cref="MeasuredRounds"/> more rounds, of which
/// the least counts. An allocation made on every call shows up in every round; a one-time one in
/// one round at most. While the least is not zero, measuring goes on (with short pauses for the
/// background JIT) for up to <see cref="Patience"/>, so that code which allocates only until tier 1
/// replaces it is judged by its steady state, as users run it and as NativeAOT compiles it. Code
/// that passes costs a handful of rounds; only code that allocates waits out the patience.
/// </para>
/// <para>
/// An allocation made less often than once per round (every 1,000th call, say) can hide in the
/// minimum: give such code rounds long enough to include it.
/// </para>
/// </remarks>
internal static class Allocations
{
    /// <summary>Warm-up ends after this many rounds in a row allocate the same number of bytes.</summary>
    public const int StableRounds = 3;

    /// <summary>Warm-up ends after this many rounds even if the count never settles.</summary>
    public const int MaxWarmUpRounds = 50;

    /// <summary>Rounds measured after warm-up; the least of them is the result.</summary>
    public const int MeasuredRounds = 5;

    /// <summary>How long to keep measuring while every round so far has allocated.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Fails, naming the code and the bytes it allocates per call, unless <paramref name="action"/>
    /// allocates nothing in its steady state.
    /// </summary>
    /// <param name="action">The code under test; it runs many times, so it must be repeatable.</param>
    /// <param name="callsPerRound">Calls per round: about a millisecond's worth or more, at least 1.</param>
    /// <param name="code">The code under test, as written at the call site (filled in by the compiler).</param>
    public static void AssertNone(Action action, int callsPerRound = 100, [CallerArgumentExpression(nameof(action))] string code = "")
    {
        AllocationMeasurement measurement = Measure(action, callsPerRound);
        if (measurement.LeastPerRound != 0)
            Assert.Fail($"Expected no allocations in the steady state, but this code allocates {measurement}:\n{code}");
    }

    /// <summary>
    /// Fails unless <paramref name="larger"/> allocates exactly as many bytes as <paramref name="smaller"/>
    /// in the steady state: for code with a fixed cost that allocates (a training run's result
    /// objects) whose steps must not, <paramref name="larger"/> running <paramref name="extraSteps"/>
    /// more steps than <paramref name="smaller"/> and otherwise the same work.
    /// </summary>
    /// <param name="smaller">The code with few steps.</param>
    /// <param name="larger">The same code with <paramref name="extraSteps"/> more steps.</param>
    /// <param name="extraSteps">How many more steps <paramref name="larger"/> runs per call; at least 1.</param>
    /// <param name="callsPerRound">Calls per round, at least 1.</param>
    /// <param name="code">The code under test, as written at the call site (filled in by the compiler).</param>
    public static void AssertNonePerStep(Action smaller, Action larger, int extraSteps, int callsPerRound = 4,
        [CallerArgumentExpression(nameof(larger))] string code = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(extraSteps, 1);
        AllocationMeasurement few = Measure(smaller, callsPerRound);
        AllocationMeasurement many = Measure(larger, callsPerRound);
        if (many.LeastPerRound != few.LeastPerRound)
        {
            double perStep = (double)(many.LeastPerRound - few.LeastPerRound) / ((long)extraSteps * callsPerRound);
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"Expected steps to allocate nothing, but {extraSteps} more steps per call changed the steady state by {perStep:#,0.##} bytes per step:\n" +
                $"{code}\nfewer steps: {few}\nmore steps: {many}"));
        }
    }

    /// <summary>Warms <paramref name="action"/> up, then measures it as described on the class.</summary>
    /// <param name="action">The code under test.</param>
    /// <param name="callsPerRound">Calls per round, at least 1.</param>
    /// <param name="patience">How long to keep measuring while every round allocates; <see cref="Patience"/> if null.</param>
    public static AllocationMeasurement Measure(Action action, int callsPerRound = 100, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerRound, 1);

        var warmUp = new List<long>();
        while (warmUp.Count < MaxWarmUpRounds && !EndsStable(warmUp))
            warmUp.Add(Round(action, callsPerRound));

        var measured = new List<long>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            for (int i = 0; i < MeasuredRounds; i++)
                measured.Add(Round(action, callsPerRound));
            if (measured.Min() == 0 || clock.Elapsed >= (patience ?? Patience))
                break;
            // Give the tiering JIT's background thread a moment to install what it has compiled.
            Thread.Sleep(10);
        }
        return new AllocationMeasurement(callsPerRound, [.. warmUp], [.. measured]);
    }

    private static bool EndsStable(List<long> rounds) =>
        rounds.Count >= StableRounds && rounds.TakeLast(StableRounds).Distinct().Count() == 1;

    // Compiled fully optimized at once, so the measuring loop itself never moves between tiers.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Round(Action action, int calls)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
            action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

/// <summary>What <see cref="Allocations.Measure"/> saw: the bytes of every warm-up and measured round.</summary>
/// <param name="CallsPerRound">Calls in each round.</param>
/// <param name="WarmUpRounds">Bytes allocated in each warm-up round, in order.</param>
/// <param name="MeasuredRounds">Bytes allocated in each measured round, in order.</param>
internal sealed record AllocationMeasurement(int CallsPerRound, long[] WarmUpRounds, long[] MeasuredRounds)
{
    /// <summary>The least any measured round allocated: the steady state's bytes per round.</summary>
    public long LeastPerRound => MeasuredRounds.Min();

    /// <summary>The steady state's bytes per call.</summary>
    public double BytesPerCall => (double)LeastPerRound / CallsPerRound;

    /// <summary>For example "32 bytes per call (at least 3,200 bytes in every one of 5 rounds of 100 calls; ...)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{BytesPerCall:#,0.##} bytes per call (at least {LeastPerRound:N0} bytes in every one of {MeasuredRounds.Length} " +
        $"measured rounds of {CallsPerRound:N0} calls, the most {MeasuredRounds.Max():N0}; " +
        $"warm-up rounds: {string.Join(", ", WarmUpRounds.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))} bytes)");
}
