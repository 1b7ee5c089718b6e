namespace Precast.Schedules;

/// <summary>Where a step falls among sorted milestones.</summary>
internal static class Milestone
{
    /// <summary>How many of the sorted <paramref name="milestones"/> are at most <paramref name="step"/> (Python's <c>bisect_right</c>).</summary>
    public static int CountAtOrBefore(ReadOnlySpan<long> milestones, long step)
    {
        int low = 0, high = milestones.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (milestones[middle] <= step)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
