namespace Precast.Runtime.Tests.Numerics;

/// <summary>Measures managed allocations of hot-path code on the current thread.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="action"/> once to warm it up (JIT, static constructors), then
    /// <paramref name="repetitions"/> more times, and returns the bytes allocated by those.
    /// </summary>
    /// <param name="action">The code under test.</param>
    /// <param name="repetitions">How many measured calls.</param>
    public static long Measure(Action action, int repetitions = 100)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < repetitions; i++)
            action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
