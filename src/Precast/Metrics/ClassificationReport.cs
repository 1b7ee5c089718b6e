using System.Globalization;
using System.Text;

namespace Precast.Metrics;

/// <summary>
/// The text of <see cref="ConfusionMatrix.Report"/>: scikit-learn's <c>classification_report</c> layout
/// with four decimals, so a reader used to it finds every number where they expect it.
/// </summary>
internal static class ClassificationReport
{
    private const int Column = 10;

    public static string Format(ConfusionMatrix matrix)
    {
        string[] averages = ["accuracy", "macro avg", "weighted avg"];
        int nameWidth = averages.Max(name => name.Length);
        for (int c = 0; c < matrix.Classes; c++)
            nameWidth = Math.Max(nameWidth, matrix.ClassName(c).Length);

        var text = new StringBuilder();
        text.Append(' ', nameWidth + 1);
        foreach (string heading in new[] { "precision", "recall", "f1-score", "support" })
            text.Append(heading.PadLeft(Column));
        text.AppendLine().AppendLine();
        for (int c = 0; c < matrix.Classes; c++)
            Row(text, matrix.ClassName(c), nameWidth, matrix.Precision(c), matrix.Recall(c), matrix.F1(c), matrix.Support(c));
        text.AppendLine();
        text.Append(averages[0].PadLeft(nameWidth)).Append(' ', 1 + 2 * Column).Append(Ratio(matrix.Accuracy)).Append(Count(matrix.Total)).AppendLine();
        Row(text, averages[1], nameWidth, matrix.MacroPrecision, matrix.MacroRecall, matrix.MacroF1, matrix.Total);
        Row(text, averages[2], nameWidth, matrix.WeightedPrecision, matrix.WeightedRecall, matrix.WeightedF1, matrix.Total);
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, int nameWidth, double precision, double recall, double f1, long support) =>
        text.Append(name.PadLeft(nameWidth)).Append(' ').Append(Ratio(precision)).Append(Ratio(recall)).Append(Ratio(f1)).Append(Count(support)).AppendLine();

    private static string Ratio(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture).PadLeft(Column);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture).PadLeft(Column);
}
