using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// What a timed call is measured with. <see cref="Wall"/> (the default) is elapsed time, the figure a
/// user sees, but only on a quiet machine: with other processes running, a call of a few
/// milliseconds is often descheduled and its time counts the others' work too. <see cref="Cpu"/> is
/// the processor time this process used (Linux's <c>CLOCK_PROCESS_CPUTIME_ID</c>, Python's
/// <c>time.process_time_ns</c> on the PyTorch side), which leaves out the time spent descheduled, so
/// single-threaded runs can be compared on a loaded machine; caches and memory are still shared, so
/// it is closer to, not equal to, a quiet machine's figure. Reading it is a system call (about
/// 0.3 µs), which the shortest calls include.
/// </summary>
public enum TimingClock
{
    /// <summary>Elapsed time (<see cref="Stopwatch"/>, Python's <c>perf_counter_ns</c>).</summary>
    Wall,

    /// <summary>Processor time of the whole process (all its threads).</summary>
    Cpu,
}

/// <summary>Reads a <see cref="TimingClock"/>.</summary>
public static class TimingClocks
{
    private const int ClockProcessCpuTimeId = 2; // CLOCK_PROCESS_CPUTIME_ID on Linux

    /// <summary>The clock every timing of this run uses; set once from the command line.</summary>
    public static TimingClock Current { get; set; } = TimingClock.Wall;

    /// <summary>Whether <paramref name="clock"/> can be read here: the processor-time clock needs Linux.</summary>
    public static bool IsSupported(TimingClock clock) => clock == TimingClock.Wall || OperatingSystem.IsLinux();

    /// <summary>The current reading of <see cref="Current"/>, in <see cref="Stopwatch"/> ticks.</summary>
    public static long Now()
    {
        if (Current == TimingClock.Wall)
            return Stopwatch.GetTimestamp();
        if (ClockGetTime(ClockProcessCpuTimeId, out TimeSpec time) != 0)
            throw new InvalidOperationException($"clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed with errno {Marshal.GetLastPInvokeError()}.");
        long nanoseconds = time.Seconds * 1_000_000_000 + time.Nanoseconds;
        return (long)(nanoseconds * (Stopwatch.Frequency / 1e9));
    }

    /// <summary>The option's value as the command line and the report write it.</summary>
    public static string Name(TimingClock clock) => clock == TimingClock.Wall ? "wall" : "cpu";

    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
