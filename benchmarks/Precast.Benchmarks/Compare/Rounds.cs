namespace Precast.Benchmarks.Compare;

/// <summary>
/// Combines the rounds of <c>--repeat N</c>: each figure becomes the median of its N medians, so a
/// round slowed by other work on the machine does not move it.
/// </summary>
public static class Rounds
{
    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
            throw new ArgumentException("Rounds.Median: no values.", nameof(values));
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The items of every round, grouped by <paramref name="key"/> in the order each key first
    /// appears, each group made one item by <paramref name="merge"/> (which takes the medians).
    /// A round that did not measure an item (a library that failed that round) leaves it out.
    /// </summary>
    public static IReadOnlyList<T> Merge<T, TKey>(IEnumerable<IEnumerable<T>> rounds, Func<T, TKey> key, Func<IReadOnlyList<T>, T> merge) =>
        [.. rounds.SelectMany(round => round).GroupBy(key).Select(group => merge([.. group]))];

    /// <summary><see cref="Merge"/> for the network measurements of every library: one median per network, mode and batch.</summary>
    public static IReadOnlyList<Measurement> Merge(IEnumerable<IEnumerable<Measurement>> rounds) =>
        Merge(rounds, m => (m.Network, m.Mode, m.Batch), group => group[0] with { Microseconds = Median(group.Select(m => m.Microseconds)) });
}
