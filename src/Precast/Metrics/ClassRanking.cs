namespace Precast.Metrics;

/// <summary>
/// The order of class scores that every metric uses, so top-1 accuracy, top-k and the confusion
/// matrix always agree: higher scores first, NaN above every number (as PyTorch's <c>argmax</c>),
/// and among equal scores the lower class index first.
/// </summary>
internal static class ClassRanking
{
    /// <summary>Whether score <paramref name="a"/> ranks strictly above score <paramref name="b"/>, indexes aside.</summary>
    public static bool Above(float a, float b) => a > b || (float.IsNaN(a) && !float.IsNaN(b));

    /// <summary>The index of the highest score in <paramref name="scores"/>; the lowest index among ties.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
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
    public static bool InTop(ReadOnlySpan<float> scores, int label, int k)
    {
        float score = scores[label];
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
