using System.Collections.Generic;
using System.Linq;

namespace Precast.Generator.Planning;

/// <summary>
/// Places buffers in one arena so that two buffers alive at the same time never overlap: the
/// greedy-by-size strategy of TensorFlow Lite's arena planner. Largest first, each at the lowest
/// offset clear of every placed buffer whose lifetime meets its own. Deterministic.
/// </summary>
internal static class IntervalAllocator
{
    /// <summary>A buffer to place: <paramref name="Size"/> values alive from step <paramref name="Start"/> to step <paramref name="End"/>, both included.</summary>
    public readonly record struct Request(long Size, int Start, int End);

    /// <summary>The offset of every request, and the arena size.</summary>
    public static (long[] Offsets, long Total) Place(IReadOnlyList<Request> requests)
    {
        var offsets = new long[requests.Count];
        var order = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests[i].Size)
            .ThenBy(i => requests[i].Start)
            .ThenBy(i => i)
            .ToList();
        var placed = new List<int>();
        long total = 0;
        foreach (int i in order)
        {
            Request request = requests[i];
            // The placed buffers alive at the same time, by offset: take the first gap that fits.
            var busy = placed
                .Where(j => requests[j].Start <= request.End && request.Start <= requests[j].End)
                .OrderBy(j => offsets[j])
                .ToList();
            long offset = 0;
            foreach (int j in busy)
            {
                if (offsets[j] - offset >= request.Size)
                    break;
                offset = System.Math.Max(offset, offsets[j] + requests[j].Size);
            }
            offsets[i] = offset;
            total = System.Math.Max(total, offset + request.Size);
            placed.Add(i);
        }
        return (offsets, total);
    }
}
