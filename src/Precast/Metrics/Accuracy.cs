using System.Globalization;
using System.Numerics;

namespace Precast.Metrics;

/// <summary>
/// Classification accuracy, top-1 or top-k, accumulated over batches: the fraction of samples whose
/// label is among their <see cref="TopK"/> highest-scoring classes. Targets are class labels, or
/// probability rows (one-hot or soft) whose largest probability is the label, as Keras's
/// <c>categorical_accuracy</c> reads them.
/// </summary>
/// <remarks>
/// Scores rank higher first, NaN above every number and ties to the lower class index, as
/// <c>torch.argmax</c> (and <c>torch.topk</c> on distinct scores) would pick them; the outputs may be
/// logits or probabilities, which rank the same. With no sample added the value is 0.
/// </remarks>
public sealed class Accuracy :
    IMetric<float, int>, IMetric<double, int>, IMetric<float, float>, IMetric<double, double>
{
    /// <summary>Counts top-<paramref name="topK"/> hits among <paramref name="classes"/> classes.</summary>
    /// <param name="classes">The number of classes: the length of each output row.</param>
    /// <param name="topK">How many of the highest-scoring classes count as a hit; 1 (plain accuracy) to <paramref name="classes"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is below 1 or <paramref name="topK"/> outside 1 to <paramref name="classes"/>.</exception>
    public Accuracy(int classes, int topK = 1)
    {
        MetricArguments.Classes(classes, nameof(Accuracy));
        CheckTopK(topK, classes, nameof(Accuracy));
        Classes = classes;
        TopK = topK;
        Name = topK == 1 ? "accuracy" : "top-" + topK.ToString(CultureInfo.InvariantCulture) + " accuracy";
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>How many of the highest-scoring classes count as a hit.</summary>
    public int TopK { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The samples counted as hits.</summary>
    public long Correct { get; private set; }

    /// <summary>The samples added.</summary>
    public long Total { get; private set; }

    /// <summary>The fraction of samples that were hits, from 0 to 1; 0 while empty.</summary>
    public double Value => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Adds a batch against class labels. Allocates nothing.</summary>
    /// <param name="outputs">One row of <see cref="Classes"/> scores per sample.</param>
    /// <param name="targets">The class index of each sample.</param>
    /// <exception cref="ArgumentException">The lengths do not match or a label is not a class index; nothing is added.</exception>
    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<int> targets) => Add(CountCorrect(outputs, targets, Classes, TopK), targets.Length);

    /// <inheritdoc cref="Update(ReadOnlySpan{float}, ReadOnlySpan{int})"/>
    public void Update(ReadOnlySpan<double> outputs, ReadOnlySpan<int> targets) => Add(CountCorrect(outputs, targets, Classes, TopK), targets.Length);

    /// <summary>Adds a batch against probability rows: each sample's label is its target's largest probability (the lowest class among ties). Allocates nothing.</summary>
    /// <param name="outputs">One row of <see cref="Classes"/> scores per sample.</param>
    /// <param name="targets">One row of <see cref="Classes"/> probabilities per sample.</param>
    /// <exception cref="ArgumentException">The lengths are not whole rows or differ; nothing is added.</exception>
    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) => UpdateWithDistributions(outputs, targets);

    /// <inheritdoc cref="Update(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public void Update(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets) => UpdateWithDistributions(outputs, targets);

    /// <inheritdoc/>
    public void Reset()
    {
        Correct = 0;
        Total = 0;
    }

    /// <summary>
    /// Counts the samples whose label is among their <paramref name="topK"/> highest-scoring classes
    /// (with <paramref name="topK"/> = 1, whose argmax is the label), ranked as the class remarks say.
    /// Allocates nothing.
    /// </summary>
    /// <param name="outputs">One row of <paramref name="classes"/> scores per sample, row-major (logits or probabilities).</param>
    /// <param name="labels">The class index of each sample.</param>
    /// <param name="classes">The number of classes: the length of each row.</param>
    /// <param name="topK">How many of the top classes count as a hit; from 1 to <paramref name="classes"/>.</param>
    /// <returns>The number of hits, from 0 to <c>labels.Length</c>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="classes"/> is below 1, <paramref name="topK"/> is outside 1 to <paramref name="classes"/>,
    /// <paramref name="outputs"/> is not <c>labels.Length × classes</c> values long, or a label is not a class index.
    /// </exception>
    public static int CountCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int classes, int topK = 1) =>
        Count(outputs, labels, classes, topK);

    /// <inheritdoc cref="CountCorrect(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int)"/>
    public static int CountCorrect(ReadOnlySpan<double> outputs, ReadOnlySpan<int> labels, int classes, int topK = 1) =>
        Count(outputs, labels, classes, topK);

    private static int Count<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<int> labels, int classes, int topK)
        where T : IFloatingPointIeee754<T>
    {
        const string method = "Accuracy.CountCorrect";
        MetricArguments.Rows(outputs.Length, labels.Length, classes, method);
        CheckTopK(topK, classes, method);
        MetricArguments.Labels(labels, classes, method);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (ClassRanking.InTop(outputs.Slice(i * classes, classes), labels[i], topK))
                correct++;
        }
        return correct;
    }

    private void UpdateWithDistributions<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets)
        where T : IFloatingPointIeee754<T>
    {
        MetricArguments.TargetRows(outputs.Length, targets.Length, Classes, "Accuracy.Update");
        int rows = outputs.Length / Classes;
        int correct = 0;
        for (int i = 0; i < rows; i++)
        {
            int label = ClassRanking.ArgMax(targets.Slice(i * Classes, Classes));
            if (ClassRanking.InTop(outputs.Slice(i * Classes, Classes), label, TopK))
                correct++;
        }
        Add(correct, rows);
    }

    private void Add(int correct, int samples)
    {
        Correct += correct;
        Total += samples;
    }

    private static void CheckTopK(int topK, int classes, string method)
    {
        if (topK < 1 || topK > classes)
            throw new ArgumentOutOfRangeException(nameof(topK), topK, $"{method}: topK is {topK}; expected 1 to {classes} (the number of classes).");
    }
}
