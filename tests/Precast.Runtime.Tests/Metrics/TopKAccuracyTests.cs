using Precast.Metrics;

namespace Precast.Runtime.Tests.Metrics;

public class TopKAccuracyTests
{
    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(2, 2, 1)]
    [InlineData(0, 3, 0)]
    [InlineData(0, 4, 1)]
    [InlineData(1, 1, 1)]
    public void CountCorrect_CountsLabelsAmongTheKHighestScores(int label, int k, int expected)
    {
        float[] outputs = [0.1f, 0.4f, 0.3f, 0.2f];

        Assert.Equal(expected, Accuracy.CountCorrect(outputs, [label], classes: 4, topK: k));
    }

    [Fact]
    public void CountCorrect_TiesRankTheLowerIndexFirst()
    {
        float[] outputs = [0.5f, 0.5f, 0.5f];

        Assert.Equal(0, Accuracy.CountCorrect(outputs, [2], classes: 3, topK: 2));
        Assert.Equal(1, Accuracy.CountCorrect(outputs, [1], classes: 3, topK: 2));
        Assert.Equal(1, Accuracy.CountCorrect(outputs, [2], classes: 3, topK: 3));
    }

    [Fact]
    public void CountCorrect_AgreesWithAStableSortOfTheScores()
    {
        // Scores drawn from a few values (with NaN) so ties are common; the reference ranks classes by
        // a stable descending sort, NaN first, and checks the label's position.
        const int classes = 6, rows = 400;
        var random = new Random(17);
        float[] choices = [0f, 0.5f, 1f, -1f, float.NaN];
        float[] outputs = Enumerable.Range(0, rows * classes).Select(_ => choices[random.Next(choices.Length)]).ToArray();
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();

        for (int k = 1; k <= classes; k++)
        {
            int expected = 0;
            for (int row = 0; row < rows; row++)
            {
                float[] scores = outputs.AsSpan(row * classes, classes).ToArray();
                int position = Enumerable.Range(0, classes)
                    .OrderByDescending(c => float.IsNaN(scores[c]) ? double.PositiveInfinity : scores[c])
                    .ToList()
                    .IndexOf(labels[row]);
                if (position < k)
                    expected++;
            }
            Assert.Equal(expected, Accuracy.CountCorrect(outputs, labels, classes, topK: k));
        }
        Assert.Equal(Accuracy.CountCorrect(outputs, labels, classes), Accuracy.CountCorrect(outputs, labels, classes, topK: 1));
        Assert.Equal(rows, Accuracy.CountCorrect(outputs, labels, classes, topK: classes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void CountCorrect_RejectsKOutsideTheClasses(int k)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Accuracy.CountCorrect(new float[3], [0], classes: 3, topK: k));

        Assert.Equal("topK", error.ParamName);
        Assert.Contains($"Accuracy.CountCorrect: topK is {k}; expected 1 to 3", error.Message);
    }

    [Fact]
    public void CountCorrect_RejectsLabelsThatAreNotClasses()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Accuracy.CountCorrect(new float[6], [5, 0], classes: 3, topK: 1));

        Assert.Contains("Accuracy.CountCorrect: labels[0] is 5", error.Message);
    }
}
