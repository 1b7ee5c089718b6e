namespace Precast.Data;

/// <summary>Seeded random orderings of sample indices, shared by shuffling and splitting.</summary>
internal static class Permutation
{
    /// <summary>
    /// Fills <paramref name="order"/> with 0..n-1 and shuffles it with Fisher–Yates, drawing from
    /// the random stream (<paramref name="seed"/>, <paramref name="stream"/>). Starting from the
    /// identity every time makes the result depend on the seed and stream alone, never on the
    /// buffer's previous content. Allocates nothing.
    /// </summary>
    public static void Fill(Span<int> order, ulong seed, ulong stream)
    {
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Rng rng = Rng.ForStream(seed, stream);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
