using Precast.Models.Tests.Models;

using static Precast.Models.Tests.SummaryRows;

namespace Precast.Models.Tests;

/// <summary>
/// A small U-Net (<see cref="UNet"/>): its declaration compiles to the shapes the figure in
/// UNetModels.cs gives, its parameters carry the nested names of its levels, and Backward through
/// both skip joins, pooling and upsampling agrees with finite differences.
/// </summary>
public sealed class UNetTests
{
    [Fact]
    public void EveryLevelHasTheShapeOfTheFigure()
    {
        Assert.Equal([1, 22, 26], UNet.InputShape.ToArray());
        Assert.Equal([2, 2, 6], UNet.OutputShape.ToArray());
        string summary = new UNet(maxBatch: 1).Summary();
        Assert.Equal(["Enc0", "Conv2D", "[2, 20, 24]", "20"], Row(summary, "Enc0")[..4]);
        Assert.Equal(["Enc1", "Conv2D", "[4, 8, 10]", "76"], Row(summary, "Enc1")[..4]);
        Assert.Equal(["Bottom", "Conv2D", "[4, 2, 3]", "148"], Row(summary, "Bottom")[..4]);
        Assert.Equal("[8, 4, 6]", Row(summary, "Level1")[2]);
        Assert.Equal(["Dec1", "Conv2D", "[4, 2, 4]", "292"], Row(summary, "Dec1")[..4]);
        Assert.Equal("[6, 4, 8]", Row(summary, "Level0")[2]);
        Assert.Equal(["Dec0", "Conv2D", "[2, 2, 6]", "110"], Row(summary, "Dec0")[..4]);
        Assert.Equal(["Head", "Conv2D", "[2, 2, 6]", "6"], Row(summary, "Head")[..4]);
        Assert.Equal(652, UNet.ParameterCount);
    }

    [Fact]
    public void ParametersAreNamedByLevel()
    {
        Assert.Equal(
            [
                "Enc0.weight [2, 1, 3, 3]", "Enc0.bias [2]",
                "Level0.Lower.Enc1.weight [4, 2, 3, 3]", "Level0.Lower.Enc1.bias [4]",
                "Level0.Lower.Level1.Lower.Bottom.weight [4, 4, 3, 3]", "Level0.Lower.Level1.Lower.Bottom.bias [4]",
                "Level0.Lower.Dec1.weight [4, 8, 3, 3]", "Level0.Lower.Dec1.bias [4]",
                "Dec0.weight [2, 6, 3, 3]", "Dec0.bias [2]",
                "Head.weight [2, 2, 1, 1]", "Head.bias [2]",
            ],
            new UNet(maxBatch: 1).ParameterTensors.Select(t => $"{t.Name} {t.ShapeText}"));
    }

    [Fact]
    public void BackwardAgreesWithFiniteDifferences() =>
        ModelGradientCheck.CheckRegression(new UNet(maxBatch: 2, seed: 21), 2, m => m.InputGradient);
}
