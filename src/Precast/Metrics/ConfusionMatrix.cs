using System.Globalization;
using System.Text;

namespace Precast.Metrics;

/// <summary>
/// Counts of (actual class, predicted class) pairs over any number of batches, with accuracy and
/// per-class precision and recall. Rows are actual classes, columns predicted classes, as in
/// scikit-learn's <c>confusion_matrix</c>.
/// </summary>
/// <remarks>
/// Predictions are the argmax of each output row, ranked as in <see cref="Metrics.Accuracy.CountCorrect"/>.
/// <see cref="Add(ReadOnlySpan{float}, ReadOnlySpan{int})"/> allocates nothing.
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly long[] counts;
    private readonly string[]? classNames;

    /// <summary>Creates an empty matrix for <paramref name="classes"/> classes, shown by index.</summary>
    /// <param name="classes">The number of classes; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is below 1.</exception>
    public ConfusionMatrix(int classes)
    {
        MetricArguments.Classes(classes, nameof(ConfusionMatrix));
        Classes = classes;
        counts = new long[classes * classes];
    }

    /// <summary>Creates an empty matrix with one class per name; <see cref="ToString"/> shows the names.</summary>
    /// <param name="classNames">The name of each class, in class-index order; at least one.</param>
    /// <exception cref="ArgumentException">The list is empty or holds a null name.</exception>
    public ConfusionMatrix(IReadOnlyList<string> classNames)
        : this(ArgumentClassCount(classNames))
    {
        this.classNames = new string[classNames.Count];
        for (int i = 0; i < classNames.Count; i++)
        {
            this.classNames[i] = classNames[i]
                ?? throw new ArgumentException($"{nameof(ConfusionMatrix)}: classNames[{i}] is null; expected a name for every class.", nameof(classNames));
        }
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The class names given at construction, or <see langword="null"/> when classes are shown by index.</summary>
    public IReadOnlyList<string>? ClassNames => classNames;

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">The true class (row).</param>
    /// <param name="predicted">The predicted class (column).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is not a class index.</exception>
    public long this[int actual, int predicted]
    {
        get
        {
            MetricArguments.Class(actual, Classes, "ConfusionMatrix[actual, predicted]", nameof(actual));
            MetricArguments.Class(predicted, Classes, "ConfusionMatrix[actual, predicted]", nameof(predicted));
            return counts[actual * Classes + predicted];
        }
    }

    /// <summary>The number of samples added.</summary>
    public long Total { get; private set; }

    /// <summary>The fraction of samples predicted correctly (the diagonal over <see cref="Total"/>); 0 while empty.</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < Classes; c++)
                correct += counts[c * Classes + c];
            return Total == 0 ? 0 : (double)correct / Total;
        }
    }

    /// <summary>
    /// Adds one sample per label, predicted as the argmax of its output row. Checks every label before
    /// counting any, so a bad batch leaves the matrix unchanged. Allocates nothing.
    /// </summary>
    /// <param name="outputs">One row of <see cref="Classes"/> scores per sample, row-major.</param>
    /// <param name="labels">The class index of each sample.</param>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> is not <c>labels.Length × Classes</c> values long, or a label is not a class index.</exception>
    public void Add(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels)
    {
        const string method = "ConfusionMatrix.Add";
        MetricArguments.Rows(outputs.Length, labels.Length, Classes, method);
        MetricArguments.Labels(labels, Classes, method);
        for (int i = 0; i < labels.Length; i++)
            counts[labels[i] * Classes + ClassRanking.ArgMax(outputs.Slice(i * Classes, Classes))]++;
        Total += labels.Length;
    }

    /// <summary>Adds one sample whose prediction is already known.</summary>
    /// <param name="actual">The true class.</param>
    /// <param name="predicted">The predicted class.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is not a class index.</exception>
    public void Add(int actual, int predicted)
    {
        MetricArguments.Class(actual, Classes, "ConfusionMatrix.Add", nameof(actual));
        MetricArguments.Class(predicted, Classes, "ConfusionMatrix.Add", nameof(predicted));
        counts[actual * Classes + predicted]++;
        Total++;
    }

    /// <summary>Sets every count to zero.</summary>
    public void Clear()
    {
        Array.Clear(counts);
        Total = 0;
    }

    /// <summary>
    /// Of the samples predicted as class <paramref name="c"/>, the fraction that are class
    /// <paramref name="c"/>: the diagonal over the column sum. 0 when nothing was predicted as
    /// <paramref name="c"/> (scikit-learn's <c>zero_division</c> default).
    /// </summary>
    /// <param name="c">The class index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not a class index.</exception>
    public double Precision(int c)
    {
        MetricArguments.Class(c, Classes, "ConfusionMatrix.Precision", nameof(c));
        long predictedAsC = 0;
        for (int actual = 0; actual < Classes; actual++)
            predictedAsC += counts[actual * Classes + c];
        return DiagonalShare(c, predictedAsC);
    }

    /// <summary>
    /// Of the samples of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/>: the
    /// diagonal over the row sum. 0 when no sample of class <paramref name="c"/> was added.
    /// </summary>
    /// <param name="c">The class index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not a class index.</exception>
    public double Recall(int c)
    {
        MetricArguments.Class(c, Classes, "ConfusionMatrix.Recall", nameof(c));
        long actuallyC = 0;
        for (int predicted = 0; predicted < Classes; predicted++)
            actuallyC += counts[c * Classes + predicted];
        return DiagonalShare(c, actuallyC);
    }

    /// <summary>
    /// The matrix as an aligned text table: one row per actual class, one column per predicted class,
    /// headed by the class names (or indexes), followed by the total and the accuracy.
    /// </summary>
    public override string ToString()
    {
        const string corner = "actual \\ predicted";
        var names = new string[Classes];
        int nameWidth = corner.Length;
        int cellWidth = 1;
        for (int c = 0; c < Classes; c++)
        {
            names[c] = classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture);
            nameWidth = Math.Max(nameWidth, names[c].Length);
            cellWidth = Math.Max(cellWidth, names[c].Length);
        }
        foreach (long count in counts)
            cellWidth = Math.Max(cellWidth, count.ToString(CultureInfo.InvariantCulture).Length);

        var text = new StringBuilder();
        text.Append(corner.PadRight(nameWidth));
        foreach (string name in names)
            text.Append("  ").Append(name.PadLeft(cellWidth));
        text.AppendLine();
        for (int actual = 0; actual < Classes; actual++)
        {
            text.Append(names[actual].PadRight(nameWidth));
            for (int predicted = 0; predicted < Classes; predicted++)
                text.Append("  ").Append(counts[actual * Classes + predicted].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            text.AppendLine();
        }
        text.Append(CultureInfo.InvariantCulture, $"total {Total}, accuracy {Accuracy:0.0000}");
        return text.ToString();
    }

    /// <summary>The correct predictions of class <paramref name="c"/> as a fraction of <paramref name="samples"/>; 0 when there are none.</summary>
    private double DiagonalShare(int c, long samples) => samples == 0 ? 0 : (double)counts[c * Classes + c] / samples;

    private static int ArgumentClassCount(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0)
            throw new ArgumentException($"{nameof(ConfusionMatrix)}: classNames is empty; expected one name per class.", nameof(classNames));
        return classNames.Count;
    }
}
