namespace Precast.Metrics;

/// <summary>Top-k classification accuracy: a sample counts when its label is among its k highest-scoring classes.</summary>
public static class TopK
{
    /// <summary>
    /// Counts the samples whose label is among their <paramref name="k"/> highest-scoring classes.
    /// Scores rank as in <see cref="Accuracy.CountCorrect"/> (ties to the lower class index, NaN
    /// highest), so <c>k = 1</c> gives exactly its count. Allocates nothing.
    /// </summary>
    /// <param name="outputs">One row of <paramref name="classes"/> scores per sample, row-major.</param>
    /// <param name="labels">The class index of each sample.</param>
    /// <param name="classes">The number of classes: the length of each row.</param>
    /// <param name="k">How many of the top classes count as a hit; from 1 to <paramref name="classes"/>.</param>
    /// <returns>The number of samples whose label is in their top <paramref name="k"/>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="classes"/> is below 1, <paramref name="k"/> is outside 1 to <paramref name="classes"/>,
    /// <paramref name="outputs"/> is not <c>labels.Length × classes</c> values long, or a label is not a class index.
    /// </exception>
    public static int CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int classes, int k)
    {
        const string method = "TopK.CountCorrect";
        MetricArguments.Rows(outputs.Length, labels.Length, classes, method);
        if (k < 1 || k > classes)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"{method}: k is {k}; expected 1 to {classes} (the number of classes).");
        MetricArguments.Labels(labels, classes, method);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (ClassRanking.InTop(outputs.Slice(i * classes, classes), labels[i], k))
                correct++;
        }
        return correct;
    }
}
