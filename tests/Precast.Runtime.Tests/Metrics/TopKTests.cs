using Precast.Metrics;

namespace Precast.Runtime.Tests.Metrics;

public class TopKTests
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

        Assert.Equal(expected, TopK.CountCorrect(outputs, [label], classes: 4, k));
    }

    [Fact]
    public void CountCorrect_TiesRankTheLowerIndexFirst()
    {
        float[] outputs = [0.5f, 0.5f, 0.5f];

        Assert.Equal(0, TopK.CountCorrect(outputs, [2], classes: 3, k: 2));
        Assert.Equal(1, TopK.CountCorrect(outputs, [1], classes: 3, k: 2));
        Assert.Equal(1, TopK.CountCorrect(outputs, [2], classes: 3, k: 3));
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
            Assert.Equal(expected, TopK.CountCorrect(outputs, labels, classes, k));
        }
        Assert.Equal(Accuracy.CountCorrect(outputs, labels, classes), TopK.CountCorrect(outputs, labels, classes, k: 1));
        Assert.Equal(rows, TopK.CountCorrect(outputs, labels, classes, k: classes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void CountCorrect_RejectsKOutsideTheClasses(int k)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TopK.CountCorrect(new float[3], [0], classes: 3, k));

        Assert.Equal("k", error.ParamName);
        Assert.Contains($"TopK.CountCorrect: k is {k}; expected 1 to 3", error.Message);
    }

    [Fact]
    public void CountCorrect_RejectsLabelsThatAreNotClasses()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TopK.CountCorrect(new float[6], [5, 0], classes: 3, k: 1));

        Assert.Contains("TopK.CountCorrect: labels[0] is 5", error.Message);
    }
}
