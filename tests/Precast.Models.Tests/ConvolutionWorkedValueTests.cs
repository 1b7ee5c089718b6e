using Precast.Models.Tests.Models;
using static Precast.Models.Tests.SummaryRows;

namespace Precast.Models.Tests;

/// <summary>
/// The worked values of DESIGN.md §6 (convolution with stride and padding, max and average pooling,
/// padding and upsampling sizes, LeNet-5's parameter count, the Inception cost figures and the
/// squeeze-and-excitation weight count) through generated models and their Summary().
/// </summary>
public sealed class ConvolutionWorkedValueTests
{
    private static readonly float[] Image =
    [
        1, 1, 1, 0, 0,
        0, 1, 1, 1, 0,
        0, 0, 1, 1, 1,
        0, 0, 1, 1, 0,
        0, 1, 1, 0, 0,
    ];

    private static readonly float[] Kernel =
    [
        1, 0, 1,
        0, 1, 0,
        1, 0, 1,
    ];

    [Fact]
    public void ConvolutionStride1Valid()
    {
        var model = new WorkedConvolution(maxBatch: 1);
        Kernel.CopyTo(model.ConvWeight);
        Assert.Equal([1, 3, 3], WorkedConvolution.OutputShape.ToArray());
        Assert.Equal([4, 3, 4, 2, 4, 3, 2, 3, 4], model.Forward(Image).ToArray());
    }

    [Fact]
    public void ConvolutionStride2Valid()
    {
        var model = new WorkedStridedConvolution(maxBatch: 1);
        Kernel.CopyTo(model.ConvWeight);
        Assert.Equal([1, 2, 2], WorkedStridedConvolution.OutputShape.ToArray());
        Assert.Equal([4, 4, 2, 4], model.Forward(Image).ToArray());
    }

    [Fact]
    public void ConvolutionStride2Same()
    {
        var model = new WorkedSameConvolution(maxBatch: 1);
        Kernel.CopyTo(model.ConvWeight);
        Assert.Equal([1, 3, 3], WorkedSameConvolution.OutputShape.ToArray());
        Assert.Equal([2, 3, 1, 1, 4, 3, 0, 2, 1], model.Forward(Image).ToArray());
    }

    [Fact]
    public void MaxPool2x2()
    {
        var model = new WorkedMaxPool(maxBatch: 2);
        float[] images =
        [
            1, 3, 2, 1,
            2, 9, 1, 1,
            1, 3, 2, 3,
            5, 6, 1, 2,

            1, 1, 2, 4,
            5, 6, 7, 8,
            3, 2, 1, 0,
            1, 2, 3, 4,
        ];
        Assert.Equal([1, 2, 2], WorkedMaxPool.OutputShape.ToArray());
        Assert.Equal([9, 2, 6, 3, 6, 8, 3, 4], model.Forward(images).ToArray());
    }

    [Fact]
    public void AvgPool2x2()
    {
        var model = new WorkedAvgPool(maxBatch: 1);
        float[] image =
        [
            1, 1, 2, 4,
            5, 6, 7, 8,
            3, 2, 1, 0,
            1, 2, 3, 4,
        ];
        Assert.Equal([3.25f, 5.25f, 2, 2], model.Forward(image).ToArray());
    }

    [Fact]
    public void ZeroPadding2Of32x32x3Is36x36x3()
    {
        var model = new WorkedZeroPadding(maxBatch: 1);
        Assert.Equal([3, 36, 36], WorkedZeroPadding.OutputShape.ToArray());
        float[] image = [.. Enumerable.Range(1, 3 * 32 * 32).Select(i => (float)i)];
        float[] padded = model.Forward(image).ToArray();
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < 36; i++)
            {
                for (int j = 0; j < 36; j++)
                {
                    bool inside = i is >= 2 and < 34 && j is >= 2 and < 34;
                    float expected = inside ? image[(c * 32 + i - 2) * 32 + j - 2] : 0;
                    Assert.True(expected == padded[(c * 36 + i) * 36 + j], $"[{c}, {i}, {j}]: {padded[(c * 36 + i) * 36 + j]} instead of {expected}");
                }
            }
        }
    }

    [Fact]
    public void UpSampling2DoublesHeightAndWidth()
    {
        var model = new WorkedUpSampling(maxBatch: 1);
        Assert.Equal([3, 10, 14], WorkedUpSampling.OutputShape.ToArray());
        float[] image = [.. Enumerable.Range(0, 3 * 5 * 7).Select(i => (float)i)];
        float[] upsampled = model.Forward(image).ToArray();
        float[] expected = new float[3 * 10 * 14];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 10; i++)
                for (int j = 0; j < 14; j++)
                    expected[(c * 10 + i) * 14 + j] = image[(c * 5 + i / 2) * 7 + j / 2];
        Assert.Equal(expected, upsampled);
    }

    [Fact]
    public void LeNet5Has61706Parameters()
    {
        var model = new LeNet5(maxBatch: 64);
        // C1 6·(25 + 1) = 156, C3 16·(6·25 + 1) = 2,416, C5 400·120 + 120 = 48,120, F6 120·84 + 84 = 10,164, output 84·10 + 10 = 850.
        Assert.Equal(61_706, LeNet5.ParameterCount);
        Assert.Equal(61_706, model.Parameters.Length);
        string summary = model.Summary();
        Assert.Contains("Total: 61,706 parameters", summary);
        Assert.Equal(["C1", "Conv2D", "[6, 28, 28]", "156"], Row(summary, "C1")[..4]);
        Assert.Equal(["S2", "AvgPool2D", "[6, 14, 14]", "0"], Row(summary, "S2")[..4]);
        Assert.Equal(["C3", "Conv2D", "[16, 10, 10]", "2,416"], Row(summary, "C3")[..4]);
        Assert.Equal(["S4", "AvgPool2D", "[16, 5, 5]", "0"], Row(summary, "S4")[..4]);
        Assert.Equal(["C5", "Dense", "[120]", "48,120"], Row(summary, "C5")[..4]);
        Assert.Equal(["F6", "Dense", "[84]", "10,164"], Row(summary, "F6")[..4]);
        Assert.Equal(["Output", "Dense", "[10]", "850"], Row(summary, "Output")[..4]);
    }

    [Fact]
    public void LeNet5TrainsAtBatch64OnAnEpochOf938Steps()
    {
        // 60,000 samples at batch 64: 937 full batches and one of 32. The samples are one value each
        // (the count is what matters); each batch is spread over LeNet's 32×32 input and trained on.
        var data = Data.Dataset.FromArrays(new float[60_000], [.. Enumerable.Range(0, 60_000).Select(i => i % 10)], [1], classCount: 10);
        var batcher = new Data.Batcher<float, int>(data, batchSize: 64, shuffle: true, seed: 4);
        Assert.Equal(938, batcher.BatchesPerEpoch);

        var model = new LeNet5(maxBatch: 64, seed: 4);
        float[] images = new float[64 * LeNet5.InputSize];
        int steps = 0, last = 0;
        foreach (var batch in batcher.Epoch(0))
        {
            steps++;
            last = batch.Count;
            if (steps > 2 && batch.Count == 64)
                continue; // train on the first two batches and the partial last one: enough to show the sizes fit
            images.AsSpan(0, batch.Count * LeNet5.InputSize).Fill(0.5f);
            Assert.True(float.IsFinite(model.TrainStep(images.AsSpan(0, batch.Count * LeNet5.InputSize), batch.Targets)));
        }
        Assert.Equal(938, steps);
        Assert.Equal(32, last);
    }

    [Fact]
    public void InceptionDirect5x5Costs120422400Multiplies()
    {
        // 28·28 positions · 32 filters · 5·5·192 taps.
        string summary = new InceptionDirect5x5(maxBatch: 1).Summary();
        Assert.Equal(["Direct", "Conv2D", "[32, 28, 28]", "153,632"], Row(summary, "Direct")[..4]);
        Assert.Equal("120,422,400", Row(summary, "Direct")[^1]);
        Assert.Contains("120,422,400 multiplies per sample forward", summary);
    }

    [Fact]
    public void InceptionBottleneckCosts12443648Multiplies()
    {
        // 1×1: 28·28·16·192 = 2,408,448; then 5×5 over 16 channels: 28·28·32·5·5·16 = 10,035,200.
        string summary = new InceptionBottleneck5x5(maxBatch: 1).Summary();
        Assert.Equal(["Bottleneck", "Conv2D", "[16, 28, 28]", "3,088"], Row(summary, "Bottleneck")[..4]);
        Assert.Equal("2,408,448", Row(summary, "Bottleneck")[^1]);
        Assert.Equal(["Conv5x5", "Conv2D", "[32, 28, 28]", "12,832"], Row(summary, "Conv5x5")[..4]);
        Assert.Equal("10,035,200", Row(summary, "Conv5x5")[^1]);
        Assert.Contains("12,443,648 multiplies per sample forward", summary);
    }

    [Fact]
    public void SqueezeExcitationWith256ChannelsAndReduction16Has8192Weights()
    {
        var model = new SqueezeExcitationBlock(maxBatch: 1);
        Assert.Equal(8_192, SqueezeExcitationBlock.ParameterCount);
        Assert.Equal(
            ["SE.Squeeze.weight [16, 256]", "SE.Excite.weight [256, 16]"],
            model.ParameterTensors.Select(t => $"{t.Name} {t.ShapeText}"));
        Assert.Contains("Total: 8,192 parameters", model.Summary());
    }
}
