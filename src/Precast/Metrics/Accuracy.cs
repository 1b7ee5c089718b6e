namespace Precast.Metrics;

/// <summary>Top-1 classification accuracy.</summary>
public static class Accuracy
{
    /// <summary>
    /// Counts the samples whose highest-scoring class is their label. The prediction is the argmax
    /// of each row; ties go to the lowest class index and NaN ranks above every number, as
    /// <c>torch.argmax</c>. Allocates nothing.
    /// </summary>
    /// <param name="outputs">One row of <paramref name="classes"/> scores per sample, row-major (logits or probabilities).</param>
    /// <param name="labels">The class index of each sample.</param>
    /// <param name="classes">The number of classes: the length of each row.</param>
    /// <returns>The number of correctly classified samples, from 0 to <c>labels.Length</c>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="classes"/> is below 1, <paramref name="outputs"/> is not <c>labels.Length × classes</c>
    /// values long, or a label is not a class index.
    /// </exception>
    public static int CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int classes)
    {
        const string method = "Accuracy.CountCorrect";
        MetricArguments.Rows(outputs.Length, labels.Length, classes, method);
        MetricArguments.Labels(labels, classes, method);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (ClassRanking.ArgMax(outputs.Slice(i * classes, classes)) == labels[i])
                correct++;
        }
        return correct;
    }
}
