using System.Globalization;
using System.Numerics;
using System.Text;

namespace Precast.Metrics;

/// <summary>
/// Counts of (actual class, predicted class) pairs accumulated over batches, and what they give:
/// accuracy, and per class precision, recall, F1 and support with their macro and weighted averages,
/// as scikit-learn's <c>confusion_matrix</c> and <c>precision_recall_fscore_support</c> define them.
/// Rows are actual classes, columns predicted classes.
/// </summary>
/// <remarks>
/// <para>
/// A sample's prediction is the argmax of its output row, ranked as in <see cref="Metrics.Accuracy"/>;
/// its class is its label, or the largest probability of its target row. Updating allocates nothing.
/// </para>
/// <para>
/// Zero division gives 0, as scikit-learn's default: the precision of a class nothing was predicted
/// as, the recall of a class with no samples, the F1 of a class with neither a hit nor a miss, and
/// every ratio of an empty matrix. Macro averages are over the classes that occur among the labels or
/// the predictions (scikit-learn's default <c>labels=None</c>), so a class absent from the evaluation
/// altogether does not pull them down; weighted averages weigh each class by its support. For one
/// label per sample the micro averages all equal the accuracy.
/// </para>
/// </remarks>
public sealed class ConfusionMatrix :
    IMetric<float, int>, IMetric<double, int>, IMetric<float, float>, IMetric<double, double>
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

    /// <summary>Creates an empty matrix with one class per name; <see cref="ToString"/> and <see cref="Report"/> show the names.</summary>
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

    /// <summary>"macro F1": what <see cref="Value"/> is.</summary>
    public string Name => "macro F1";

    /// <summary>The macro-averaged F1 score, <see cref="MacroF1"/> (accuracy has its own metric, <see cref="Metrics.Accuracy"/>, and property, <see cref="Accuracy"/>).</summary>
    public double Value => MacroF1;

    /// <summary>The fraction of samples predicted correctly (the diagonal over <see cref="Total"/>); 0 while empty.</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < Classes; c++)
                correct += TruePositives(c);
            return Share(correct, Total);
        }
    }

    /// <summary>The unweighted mean of <see cref="Precision"/> over the classes that occur among the labels or predictions; 0 while empty.</summary>
    public double MacroPrecision => MacroAverage(Measure.Precision);

    /// <summary>The unweighted mean of <see cref="Recall"/> over the classes that occur among the labels or predictions; 0 while empty.</summary>
    public double MacroRecall => MacroAverage(Measure.Recall);

    /// <summary>The unweighted mean of <see cref="F1"/> over the classes that occur among the labels or predictions; 0 while empty.</summary>
    public double MacroF1 => MacroAverage(Measure.F1);

    /// <summary>The mean of <see cref="Precision"/> weighted by each class's <see cref="Support"/>; 0 while empty.</summary>
    public double WeightedPrecision => WeightedAverage(Measure.Precision);

    /// <summary>The mean of <see cref="Recall"/> weighted by each class's <see cref="Support"/> (which equals <see cref="Accuracy"/>); 0 while empty.</summary>
    public double WeightedRecall => WeightedAverage(Measure.Recall);

    /// <summary>The mean of <see cref="F1"/> weighted by each class's <see cref="Support"/>; 0 while empty.</summary>
    public double WeightedF1 => WeightedAverage(Measure.F1);

    /// <summary>
    /// Adds a batch against class labels, each sample predicted as the argmax of its output row. Checks
    /// every label before counting any, so a bad batch leaves the matrix unchanged. Allocates nothing.
    /// </summary>
    /// <param name="outputs">One row of <see cref="Classes"/> scores per sample, row-major.</param>
    /// <param name="targets">The class index of each sample.</param>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> is not <c>targets.Length × Classes</c> values long, or a label is not a class index.</exception>
    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<int> targets) => UpdateWithLabels(outputs, targets);

    /// <inheritdoc cref="Update(ReadOnlySpan{float}, ReadOnlySpan{int})"/>
    public void Update(ReadOnlySpan<double> outputs, ReadOnlySpan<int> targets) => UpdateWithLabels(outputs, targets);

    /// <summary>
    /// Adds a batch against probability rows (one-hot or soft): each sample's class is its target's
    /// largest probability (the lowest class among ties), its prediction the argmax of its output row.
    /// Allocates nothing.
    /// </summary>
    /// <param name="outputs">One row of <see cref="Classes"/> scores per sample, row-major.</param>
    /// <param name="targets">One row of <see cref="Classes"/> probabilities per sample.</param>
    /// <exception cref="ArgumentException">The lengths are not whole rows or differ; nothing is added.</exception>
    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) => UpdateWithDistributions(outputs, targets);

    /// <inheritdoc cref="Update(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public void Update(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets) => UpdateWithDistributions(outputs, targets);

    /// <summary>
    /// Adds samples whose predicted classes are already known (a model's <c>PredictClasses</c>).
    /// Checks every index before counting any. Allocates nothing.
    /// </summary>
    /// <param name="predicted">The predicted class of each sample.</param>
    /// <param name="labels">The true class of each sample.</param>
    /// <exception cref="ArgumentException">The lengths differ, or an index is not a class index.</exception>
    public void AddPredictions(ReadOnlySpan<int> predicted, ReadOnlySpan<int> labels)
    {
        const string method = "ConfusionMatrix.AddPredictions";
        if (predicted.Length != labels.Length)
        {
            throw new ArgumentException(
                $"{method}: 'predicted' has {predicted.Length} values; expected {labels.Length}, one per label.", nameof(predicted));
        }
        MetricArguments.Labels(labels, Classes, method);
        for (int i = 0; i < predicted.Length; i++)
        {
            if ((uint)predicted[i] >= (uint)Classes)
                ThrowPrediction(i, predicted[i], method);
        }
        for (int i = 0; i < labels.Length; i++)
            counts[labels[i] * Classes + predicted[i]]++;
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
    public void Reset()
    {
        Array.Clear(counts);
        Total = 0;
    }

    /// <summary>The samples of class <paramref name="c"/> added: its row's sum.</summary>
    /// <param name="c">The class index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not a class index.</exception>
    public long Support(int c)
    {
        MetricArguments.Class(c, Classes, "ConfusionMatrix.Support", nameof(c));
        return RowSum(c);
    }

    /// <summary>The samples predicted as class <paramref name="c"/>: its column's sum.</summary>
    /// <param name="c">The class index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not a class index.</exception>
    public long PredictedCount(int c)
    {
        MetricArguments.Class(c, Classes, "ConfusionMatrix.PredictedCount", nameof(c));
        return ColumnSum(c);
    }

    /// <summary>
    /// Of the samples predicted as class <paramref name="c"/>, the fraction that are class
    /// <paramref name="c"/>: the diagonal over the column sum; 0 when nothing was predicted as <paramref name="c"/>.
    /// </summary>
    /// <param name="c">The class index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not a class index.</exception>
    public double Precision(int c)
    {
        MetricArguments.Class(c, Classes, "ConfusionMatrix.Precision", nameof(c));
        return Of(Measure.Precision, c);
    }

    /// <summary>
    /// Of the samples of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/>: the
    /// diagonal over the row sum; 0 when no sample of class <paramref name="c"/> was added.
    /// </summary>
    /// <param name="c">The class index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not a class index.</exception>
    public double Recall(int c)
    {
        MetricArguments.Class(c, Classes, "ConfusionMatrix.Recall", nameof(c));
        return Of(Measure.Recall, c);
    }

    /// <summary>
    /// The harmonic mean of <see cref="Precision"/> and <see cref="Recall"/> of class <paramref name="c"/>,
    /// computed as <c>2·TP / (2·TP + FP + FN)</c> (the same value wherever both are defined); 0 when the
    /// class was neither predicted nor present.
    /// </summary>
    /// <param name="c">The class index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not a class index.</exception>
    public double F1(int c)
    {
        MetricArguments.Class(c, Classes, "ConfusionMatrix.F1", nameof(c));
        return Of(Measure.F1, c);
    }

    /// <summary>
    /// The matrix as an aligned text table: one row per actual class, one column per predicted class,
    /// headed by the class names (or indexes), followed by the total and the accuracy.
    /// </summary>
    public override string ToString()
    {
        const string corner = "actual \\ predicted";
        int nameWidth = corner.Length;
        int cellWidth = 1;
        for (int c = 0; c < Classes; c++)
        {
            nameWidth = Math.Max(nameWidth, ClassName(c).Length);
            cellWidth = Math.Max(cellWidth, ClassName(c).Length);
        }
        foreach (long count in counts)
            cellWidth = Math.Max(cellWidth, count.ToString(CultureInfo.InvariantCulture).Length);

        var text = new StringBuilder();
        text.Append(corner.PadRight(nameWidth));
        for (int c = 0; c < Classes; c++)
            text.Append("  ").Append(ClassName(c).PadLeft(cellWidth));
        text.AppendLine();
        for (int actual = 0; actual < Classes; actual++)
        {
            text.Append(ClassName(actual).PadRight(nameWidth));
            for (int predicted = 0; predicted < Classes; predicted++)
                text.Append("  ").Append(counts[actual * Classes + predicted].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            text.AppendLine();
        }
        text.Append(CultureInfo.InvariantCulture, $"total {Total}, accuracy {Accuracy:0.0000}");
        return text.ToString();
    }

    /// <summary>
    /// The per-class report, laid out as scikit-learn's <c>classification_report(digits=4)</c>: precision,
    /// recall, F1 and support of each class by name, then the accuracy, the macro and the weighted averages.
    /// </summary>
    public string Report() => ClassificationReport.Format(this);

    /// <summary>The name of class <paramref name="c"/>, or its index when the matrix has no names.</summary>
    internal string ClassName(int c) => classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture);

    private void UpdateWithLabels<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<int> labels)
        where T : IFloatingPointIeee754<T>
    {
        const string method = "ConfusionMatrix.Update";
        MetricArguments.Rows(outputs.Length, labels.Length, Classes, method);
        MetricArguments.Labels(labels, Classes, method);
        for (int i = 0; i < labels.Length; i++)
            counts[labels[i] * Classes + ClassRanking.ArgMax(outputs.Slice(i * Classes, Classes))]++;
        Total += labels.Length;
    }

    private void UpdateWithDistributions<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets)
        where T : IFloatingPointIeee754<T>
    {
        MetricArguments.TargetRows(outputs.Length, targets.Length, Classes, "ConfusionMatrix.Update");
        int rows = outputs.Length / Classes;
        for (int i = 0; i < rows; i++)
        {
            int actual = ClassRanking.ArgMax(targets.Slice(i * Classes, Classes));
            counts[actual * Classes + ClassRanking.ArgMax(outputs.Slice(i * Classes, Classes))]++;
        }
        Total += rows;
    }

    private long TruePositives(int c) => counts[c * Classes + c];

    private long RowSum(int c)
    {
        long sum = 0;
        for (int predicted = 0; predicted < Classes; predicted++)
            sum += counts[c * Classes + predicted];
        return sum;
    }

    private long ColumnSum(int c)
    {
        long sum = 0;
        for (int actual = 0; actual < Classes; actual++)
            sum += counts[actual * Classes + c];
        return sum;
    }

    /// <summary>A per-class measure of class <paramref name="c"/>, the zero-division rule applied.</summary>
    private double Of(Measure measure, int c) => measure switch
    {
        Measure.Precision => Share(TruePositives(c), ColumnSum(c)),
        Measure.Recall => Share(TruePositives(c), RowSum(c)),
        _ => Share(2 * TruePositives(c), RowSum(c) + ColumnSum(c)),
    };

    private double MacroAverage(Measure measure)
    {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < Classes; c++)
        {
            if (RowSum(c) + ColumnSum(c) == 0)
                continue;
            sum += Of(measure, c);
            present++;
        }
        return present == 0 ? 0 : sum / present;
    }

    private double WeightedAverage(Measure measure)
    {
        double sum = 0;
        for (int c = 0; c < Classes; c++)
            sum += RowSum(c) * Of(measure, c);
        return Total == 0 ? 0 : sum / Total;
    }

    /// <summary><paramref name="part"/> over <paramref name="whole"/>, 0 when the whole is 0 (the zero-division rule).</summary>
    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private void ThrowPrediction(int index, int value, string method) =>
        throw new ArgumentOutOfRangeException("predicted", value,
            $"{method}: predicted[{index}] is {value}; expected a class index from 0 to {Classes - 1}.");

    private static int ArgumentClassCount(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0)
            throw new ArgumentException($"{nameof(ConfusionMatrix)}: classNames is empty; expected one name per class.", nameof(classNames));
        return classNames.Count;
    }

    /// <summary>The per-class measures.</summary>
    private enum Measure
    {
        Precision,
        Recall,
        F1,
    }
}
