using System.Numerics;

namespace Precast.Metrics;

/// <summary>
/// The order of class scores that every metric uses, so top-1 accuracy, top-k and the confusion
/// matrix always agree: higher scores first, NaN above every number (as PyTorch's <c>argmax</c>),
/// and among equal scores the lower class index first. The same order picks the class of a
/// probability target (its largest probability).
/// </summary>
internal static class ClassRanking
{
    /// <summary>Whether score <paramref name="a"/> ranks strictly above score <paramref name="b"/>, indexes aside.</summary>
    public static bool Above<T>(T a, T b)
        where T : IFloatingPointIeee754<T>
        => a > b || (T.IsNaN(a) && !T.IsNaN(b));

    /// <summary>The index of the highest score in <paramref name="scores"/>; the lowest index among ties.</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> scores)
        where T : IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (Above(scores[i], scores[best]))
                best = i;
        }
        return best;
    }

    /// <summary>Whether class <paramref name="label"/> is among the <paramref name="k"/> highest-ranked of <paramref name="scores"/>.</summary>
    public static bool InTop<T>(ReadOnlySpan<T> scores, int label, int k)
        where T : IFloatingPointIeee754<T>
    {
        if (k == 1)
            return ArgMax(scores) == label;
        T score = scores[label];
        int ahead = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            // Classes before the label win ties; classes after it must be strictly above.
            bool outranks = i < label ? !Above(score, scores[i]) : i > label && Above(scores[i], score);
            if (outranks && ++ahead >= k)
                return false;
        }
        return true;
    }
}
