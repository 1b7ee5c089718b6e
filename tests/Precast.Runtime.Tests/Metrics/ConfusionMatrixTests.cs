using Precast.Metrics;

namespace Precast.Runtime.Tests.Metrics;

/// <summary>
/// The confusion matrix and what it gives, against values worked by hand and checked with
/// scikit-learn 1.2 (<c>confusion_matrix</c>, <c>precision_recall_fscore_support</c>,
/// <c>classification_report</c>), including its zero-division convention (0) and its macro average
/// over the classes present.
/// </summary>
public class ConfusionMatrixTests
{
    // Six samples of three classes; predictions (argmax) 0, 0, 1, 1, 2, 0 for labels 0, 1, 1, 2, 2, 2.
    private static readonly float[] Outputs =
    [
        0.9f, 0.05f, 0.05f,
        0.6f, 0.3f, 0.1f,
        0.2f, 0.7f, 0.1f,
        0.1f, 0.5f, 0.4f,
        0.0f, 0.1f, 0.9f,
        0.4f, 0.3f, 0.3f,
    ];

    private static readonly int[] Labels = [0, 1, 1, 2, 2, 2];
    private static readonly int[] Predictions = [0, 0, 1, 1, 2, 0];

    private static ConfusionMatrix Filled(ConfusionMatrix matrix)
    {
        matrix.Update(Outputs, Labels);
        return matrix;
    }

    [Fact]
    public void Update_CountsActualRowsAgainstPredictedColumns()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));

        long[,] expected = { { 1, 0, 0 }, { 1, 1, 0 }, { 1, 1, 1 } };
        for (int actual = 0; actual < 3; actual++)
        {
            for (int predicted = 0; predicted < 3; predicted++)
                Assert.Equal(expected[actual, predicted], matrix[actual, predicted]);
        }
        Assert.Equal(6, matrix.Total);
        Assert.Equal(0.5, matrix.Accuracy, 12);
        Assert.Equal(Accuracy.CountCorrect(Outputs, Labels, 3) / 6.0, matrix.Accuracy, 12);
    }

    [Fact]
    public void EmptyClassesAndMatrices_GiveZeroRatherThanNaN()
    {
        var matrix = new ConfusionMatrix(3);
        Assert.Equal(0, matrix.Accuracy);

        matrix.Add(actual: 0, predicted: 0);

        Assert.Equal(1, matrix.Accuracy);
        Assert.Equal(0, matrix.Precision(1));
        Assert.Equal(0, matrix.Recall(2));
    }

    [Fact]
    public void AddKnownPrediction_CountsOneSample()
    {
        var matrix = new ConfusionMatrix(2);

        matrix.Add(actual: 1, predicted: 0);
        matrix.Add(actual: 1, predicted: 0);

        Assert.Equal(2, matrix[1, 0]);
        Assert.Equal(2, matrix.Total);
        Assert.Equal(0, matrix.Accuracy);
    }

    [Fact]
    public void Update_WithABadLabel_LeavesTheMatrixUnchanged()
    {
        var matrix = new ConfusionMatrix(3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Update(Outputs, [0, 1, 1, 2, 3, 2]));

        Assert.Contains("ConfusionMatrix.Update: labels[4] is 3; expected a class index from 0 to 2", error.Message);
        Assert.Equal(0, matrix.Total);
        Assert.Equal(0, matrix[0, 0]);
    }

    [Fact]
    public void Reset_ZeroesEveryCount()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));

        matrix.Reset();

        Assert.Equal(0, matrix.Total);
        Assert.Equal(0, matrix[2, 2]);
    }

    [Fact]
    public void ToString_WithNames_IsAnAlignedTable()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(["cat", "dog", "hamster"]));
        for (int i = 0; i < 12; i++)
            matrix.Add(actual: 1, predicted: 1);

        string expected = string.Join(Environment.NewLine,
            "actual \\ predicted      cat      dog  hamster",
            "cat                       1        0        0",
            "dog                       1       13        0",
            "hamster                   1        1        1",
            "total 18, accuracy 0.8333");
        Assert.Equal(expected, matrix.ToString());
        Assert.Equal(["cat", "dog", "hamster"], matrix.ClassNames);
    }

    [Fact]
    public void ToString_WithoutNames_ShowsClassIndexes()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));

        string expected = string.Join(Environment.NewLine,
            "actual \\ predicted  0  1  2",
            "0                   1  0  0",
            "1                   1  1  0",
            "2                   1  1  1",
            "total 6, accuracy 0.5000");
        Assert.Equal(expected, matrix.ToString());
        Assert.Null(matrix.ClassNames);
    }

    [Fact]
    public void Constructor_RejectsNoClassesAndMissingNames()
    {
        Assert.Contains("classes is 0; expected at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(0)).Message);
        Assert.Contains("classNames is empty", Assert.Throws<ArgumentException>(() => new ConfusionMatrix(Array.Empty<string>())).Message);
        Assert.Contains("classNames[1] is null", Assert.Throws<ArgumentException>(() => new ConfusionMatrix(["a", null!])).Message);
    }

    [Fact]
    public void QueriesOutsideTheClasses_NameTheArgument()
    {
        var matrix = new ConfusionMatrix(3);

        var cell = Assert.Throws<ArgumentOutOfRangeException>(() => matrix[1, 3]);
        var precision = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Precision(-1));

        Assert.Equal("predicted", cell.ParamName);
        Assert.Contains("predicted is 3; expected a class index from 0 to 2", cell.Message);
        Assert.Contains("ConfusionMatrix.Precision: c is -1", precision.Message);
    }

    [Fact]
    public void Update_AllocatesNothing()
    {
        var matrix = new ConfusionMatrix(3);
        int calls = 0;

        Allocations.AssertNone(() =>
        {
            matrix.Update(Outputs, Labels);
            calls++;
        });

        Assert.Equal(calls * Labels.Length, matrix.Total);
    }

    [Fact]
    public void PerClassMeasures()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));
        // Support (row sums) 1, 2, 3; predicted (column sums) 3, 2, 1; true positives 1, 1, 1.
        Assert.Equal([1L, 2, 3], Enumerable.Range(0, 3).Select(matrix.Support));
        Assert.Equal([3L, 2, 1], Enumerable.Range(0, 3).Select(matrix.PredictedCount));
        // Precision TP/predicted, recall TP/support, F1 2TP/(support + predicted): sklearn gives
        // [0.3333, 0.5, 1], [1, 0.5, 0.3333], [0.5, 0.5, 0.5].
        Assert.Equal([1 / 3.0, 1 / 2.0, 1], Enumerable.Range(0, 3).Select(matrix.Precision));
        Assert.Equal([1, 1 / 2.0, 1 / 3.0], Enumerable.Range(0, 3).Select(matrix.Recall));
        Assert.Equal([0.5, 0.5, 0.5], Enumerable.Range(0, 3).Select(matrix.F1));
    }

    [Fact]
    public void Averages()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));
        // Macro: (1/3 + 1/2 + 1)/3 = 11/18 for precision and recall, 0.5 for F1. Weighted by support
        // 1, 2, 3 over 6: precision (1/3 + 1 + 3)/6 = 13/18, recall (1 + 1 + 1)/6 = 0.5 (the accuracy), F1 0.5.
        Assert.Equal(11 / 18.0, matrix.MacroPrecision, 15);
        Assert.Equal(11 / 18.0, matrix.MacroRecall, 15);
        Assert.Equal(0.5, matrix.MacroF1, 15);
        Assert.Equal(13 / 18.0, matrix.WeightedPrecision, 15);
        Assert.Equal(0.5, matrix.WeightedRecall, 15);
        Assert.Equal(matrix.Accuracy, matrix.WeightedRecall, 15);
        Assert.Equal(0.5, matrix.WeightedF1, 15);
        Assert.Equal("macro F1", matrix.Name);
        Assert.Equal(matrix.MacroF1, matrix.Value);
    }

    [Fact]
    public void ZeroDivisionGivesZero()
    {
        // Labels 0, 0, 1, 2 all predicted as 0: classes 1 and 2 are never predicted (precision 0 by the
        // convention), never hit (recall 0) and have F1 0. sklearn (zero_division=0): precision
        // [0.5, 0, 0], recall [1, 0, 0], F1 [2/3, 0, 0]; macro 1/6, 1/3, 2/9.
        var matrix = new ConfusionMatrix(3);
        matrix.AddPredictions([0, 0, 0, 0], [0, 0, 1, 2]);
        Assert.Equal([0.5, 0, 0], Enumerable.Range(0, 3).Select(matrix.Precision));
        Assert.Equal([1.0, 0, 0], Enumerable.Range(0, 3).Select(matrix.Recall));
        Assert.Equal([2 / 3.0, 0, 0], Enumerable.Range(0, 3).Select(matrix.F1));
        Assert.Equal(1 / 6.0, matrix.MacroPrecision, 15);
        Assert.Equal(1 / 3.0, matrix.MacroRecall, 15);
        Assert.Equal(2 / 9.0, matrix.MacroF1, 15);
    }

    [Fact]
    public void AClassAbsentFromLabelsAndPredictionsIsLeftOutOfTheMacroAverages()
    {
        // Four classes, class 3 never seen: the macro averages are those of the three others (sklearn's
        // default labels=None), 11/18 and 0.5, not (11/18·3)/4. It is still in the per-class values, as 0.
        var matrix = new ConfusionMatrix(4);
        matrix.AddPredictions(Predictions, Labels);
        Assert.Equal(11 / 18.0, matrix.MacroPrecision, 15);
        Assert.Equal(11 / 18.0, matrix.MacroRecall, 15);
        Assert.Equal(0.5, matrix.MacroF1, 15);
        Assert.Equal(0, matrix.F1(3));
        Assert.Equal(13 / 18.0, matrix.WeightedPrecision, 15);
    }

    [Fact]
    public void EmptyMatrixMeasuresAreZero()
    {
        var matrix = new ConfusionMatrix(2);
        Assert.Equal(0, matrix.MacroPrecision);
        Assert.Equal(0, matrix.MacroF1);
        Assert.Equal(0, matrix.WeightedF1);
        Assert.Equal(0, matrix.F1(1));
    }

    [Fact]
    public void OutputsAgainstLabelsOrProbabilitiesAndKnownPredictionsCountAlike()
    {
        // Output rows whose argmax is each prediction, in float and double; one-hot and soft targets whose largest probability is each label.
        float[] outputs = Predictions.SelectMany(p => Enumerable.Range(0, 3).Select(c => c == p ? 2f : c * 0.1f)).ToArray();
        double[] wideOutputs = outputs.Select(v => (double)v).ToArray();
        float[] oneHot = Labels.SelectMany(l => Enumerable.Range(0, 3).Select(c => c == l ? 1f : 0f)).ToArray();
        double[] soft = Labels.SelectMany(l => Enumerable.Range(0, 3).Select(c => c == l ? 0.6 : 0.2)).ToArray();
        ConfusionMatrix expected = Filled(new ConfusionMatrix(3));

        var fromFloat = new ConfusionMatrix(3);
        fromFloat.Update(outputs, Labels);
        var fromDouble = new ConfusionMatrix(3);
        fromDouble.Update(wideOutputs, Labels);
        var fromOneHot = new ConfusionMatrix(3);
        fromOneHot.Update(outputs, oneHot);
        var fromSoft = new ConfusionMatrix(3);
        fromSoft.Update(wideOutputs, soft);
        var fromPredictions = new ConfusionMatrix(3);
        fromPredictions.AddPredictions(Predictions, Labels);
        foreach (ConfusionMatrix matrix in new[] { fromFloat, fromDouble, fromOneHot, fromSoft, fromPredictions })
            Assert.Equal(expected.ToString(), matrix.ToString());
    }

    [Fact]
    public void ReportHasScikitLearnsLayout()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(["cat", "dog", "hamster"]));
        // sklearn's classification_report(digits=4) gives these numbers in these places.
        string expected = string.Join(Environment.NewLine,
            "              precision    recall  f1-score   support",
            "",
            "         cat     0.3333    1.0000    0.5000         1",
            "         dog     0.5000    0.5000    0.5000         2",
            "     hamster     1.0000    0.3333    0.5000         3",
            "",
            "    accuracy                         0.5000         6",
            "   macro avg     0.6111    0.6111    0.5000         6",
            "weighted avg     0.7222    0.5000    0.5000         6",
            "");
        Assert.Equal(expected, matrix.Report());
    }

    [Fact]
    public void ReportWithoutNamesShowsIndexes()
    {
        string report = Filled(new ConfusionMatrix(3)).Report();
        Assert.Contains(Environment.NewLine + "           2     1.0000    0.3333    0.5000         3" + Environment.NewLine, report);
    }

    [Fact]
    public void BadBatchesAreNamedAndChangeNothing()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));
        var length = Assert.Throws<ArgumentException>(() => matrix.AddPredictions([0, 1], [0]));
        Assert.Equal("predicted", length.ParamName);
        Assert.Contains("ConfusionMatrix.AddPredictions: 'predicted' has 2 values; expected 1, one per label.", length.Message);
        var prediction = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.AddPredictions([0, 3], [0, 0]));
        Assert.Contains("ConfusionMatrix.AddPredictions: predicted[1] is 3; expected a class index from 0 to 2.", prediction.Message);
        var targets = Assert.Throws<ArgumentException>(() => matrix.Update(new float[6], new float[3]));
        Assert.Equal("targets", targets.ParamName);
        Assert.Contains("ConfusionMatrix.Update: 'targets' has 3 values; expected 6, a probability for each output.", targets.Message);
        var rows = Assert.Throws<ArgumentException>(() => matrix.Update(new double[5], new double[5]));
        Assert.Contains("ConfusionMatrix.Update: 'outputs' has 5 values; expected a whole number of rows of 3 class scores.", rows.Message);
        Assert.Equal(Filled(new ConfusionMatrix(3)).ToString(), matrix.ToString());
    }

    [Fact]
    public void EveryUpdateAllocatesNothing()
    {
        var matrix = new ConfusionMatrix(3);
        IMetric<double, double> metric = matrix;
        float[] outputs = new float[6 * 3];
        double[] wideOutputs = new double[6 * 3];
        double[] targets = new double[6 * 3];
        Allocations.AssertNone(() =>
        {
            matrix.Update(outputs, Labels);
            matrix.Update(wideOutputs, Labels);
            metric.Update(wideOutputs, targets);
            matrix.AddPredictions(Predictions, Labels);
        });
    }
}
