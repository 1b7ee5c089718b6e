using Precast.Metrics;

namespace Precast.Runtime.Tests.Metrics;

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

    private static ConfusionMatrix Filled(ConfusionMatrix matrix)
    {
        matrix.Add(Outputs, Labels);
        return matrix;
    }

    [Fact]
    public void Add_CountsActualRowsAgainstPredictedColumns()
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
    public void PrecisionAndRecall_ReadColumnsAndRows()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));

        Assert.Equal(1 / 3.0, matrix.Precision(0), 12);
        Assert.Equal(1 / 2.0, matrix.Precision(1), 12);
        Assert.Equal(1.0, matrix.Precision(2), 12);
        Assert.Equal(1.0, matrix.Recall(0), 12);
        Assert.Equal(1 / 2.0, matrix.Recall(1), 12);
        Assert.Equal(1 / 3.0, matrix.Recall(2), 12);
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
    public void Add_WithABadLabel_LeavesTheMatrixUnchanged()
    {
        var matrix = new ConfusionMatrix(3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(Outputs, [0, 1, 1, 2, 3, 2]));

        Assert.Contains("ConfusionMatrix.Add: labels[4] is 3; expected a class index from 0 to 2", error.Message);
        Assert.Equal(0, matrix.Total);
        Assert.Equal(0, matrix[0, 0]);
    }

    [Fact]
    public void Clear_ZeroesEveryCount()
    {
        ConfusionMatrix matrix = Filled(new ConfusionMatrix(3));

        matrix.Clear();

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
    public void Add_AllocatesNothing()
    {
        var matrix = new ConfusionMatrix(3);
        int calls = 0;

        Allocations.AssertNone(() =>
        {
            matrix.Add(Outputs, Labels);
            calls++;
        });

        Assert.Equal(calls * Labels.Length, matrix.Total);
    }
}
