using Precast.Metrics;

namespace Precast.Runtime.Tests.Metrics;

public class AccuracyTests
{
    [Fact]
    public void CountCorrect_CountsRowsWhoseArgmaxIsTheLabel()
    {
        float[] outputs =
        [
            0.1f, 0.7f, 0.2f,   // predicts 1
            2.0f, -1f, 0.5f,    // predicts 0
            -3f, -2f, -1f,      // predicts 2
            0.3f, 0.3f, 0.4f,   // predicts 2
        ];

        Assert.Equal(3, Accuracy.CountCorrect(outputs, [1, 0, 2, 0], classes: 3));
        Assert.Equal(0, Accuracy.CountCorrect(outputs, [0, 1, 1, 1], classes: 3));
    }

    [Fact]
    public void CountCorrect_TiesGoToTheLowestIndex()
    {
        float[] outputs = [0.5f, 0.5f, 0.1f, -0f, 0f, -1f];

        Assert.Equal(2, Accuracy.CountCorrect(outputs, [0, 0], classes: 3));
        Assert.Equal(0, Accuracy.CountCorrect(outputs, [1, 1], classes: 3));
    }

    [Fact]
    public void CountCorrect_NaNRanksAboveEveryNumber()
    {
        // As torch.argmax: a NaN score is the maximum, the first NaN among several.
        float[] outputs = [1f, float.NaN, float.PositiveInfinity, float.NaN];

        Assert.Equal(1, Accuracy.CountCorrect(outputs, [1], classes: 4));
    }

    [Fact]
    public void CountCorrect_OfNoSamplesIsZero()
    {
        Assert.Equal(0, Accuracy.CountCorrect(ReadOnlySpan<float>.Empty, [], classes: 10));
    }

    [Fact]
    public void CountCorrect_RejectsOutputsOfTheWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() => Accuracy.CountCorrect(new float[7], [0, 1], classes: 3));

        Assert.Equal("outputs", error.ParamName);
        Assert.Contains("Accuracy.CountCorrect: 'outputs' has 7 values; expected 6 (3 class scores for each of the 2 labels)", error.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void CountCorrect_RejectsLabelsThatAreNotClasses(int label)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Accuracy.CountCorrect(new float[6], [0, label], classes: 3));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains($"labels[1] is {label}; expected a class index from 0 to 2", error.Message);
    }

    [Fact]
    public void CountCorrect_RejectsNoClasses()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Accuracy.CountCorrect(ReadOnlySpan<float>.Empty, [], classes: 0));

        Assert.Contains("classes is 0; expected at least 1", error.Message);
    }

    [Fact]
    public void CountCorrect_AllocatesNothing()
    {
        float[] outputs = Enumerable.Range(0, 640).Select(i => MathF.Sin(i)).ToArray();
        int[] labels = Enumerable.Range(0, 64).Select(i => i % 10).ToArray();
        int expected = Accuracy.CountCorrect(outputs, labels, classes: 10);

        int calls = 0, total = 0;
        Allocations.AssertNone(() =>
        {
            total += Accuracy.CountCorrect(outputs, labels, classes: 10);
            calls++;
        });

        Assert.Equal(calls * expected, total);
    }
}
