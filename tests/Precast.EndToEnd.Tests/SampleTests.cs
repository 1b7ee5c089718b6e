using System.Globalization;
using System.Text.RegularExpressions;

namespace Precast.EndToEnd.Tests;

/// <summary>
/// The README's main job, run as the README says, on the data shipped in the repository (one
/// epoch, to keep the test short), and the benchmark project, which must keep building.
/// </summary>
public sealed partial class SampleTests
{
    // One epoch on the subset reaches about 0.81 with the dense networks, 0.77 with LeNet (on
    // mirrored images) and 0.74 with the Inception network (on shifted and mirrored images, its
    // batch statistics still settling); chance is 0.10. Each network trains with its own recipe
    // (Recipe.cs), which the line before the first epoch states. The
    // ResNet takes minutes per epoch even on the subset, so the model tests cover it instead.
    [Theory]
    [InlineData("mlp", 0.75, "Adam from learning rate 0.001 annealed to 0; augmentation: none")]
    [InlineData("residual", 0.75, "Adam from learning rate 0.001 annealed to 0; augmentation: none")]
    [InlineData("lenet", 0.70, "Adam from learning rate 0.001 annealed to 0; augmentation: flip")]
    [InlineData("inception", 0.60, "AdamW, weight decay 0.05, from learning rate 0.001 annealed to 0; augmentation: flip+crop")]
    public void TheFashionMnistSampleTrainsAndReportsItsTestAccuracy(string model, double least, string recipe)
    {
        string checkpoint = Path.Combine(Path.GetTempPath(), $"precast-sample-{Guid.NewGuid():N}.safetensors");
        string plot = Path.ChangeExtension(checkpoint, ".png");
        try
        {
            string output = DotNet.Run(DotNet.RepositoryRoot(),
                $"run -c Release --project samples/FashionMnist -- --model {model} --epochs 1 --checkpoint \"{checkpoint}\"").EnsureSuccess().Output;

            Assert.Contains("Fashion-MNIST from", output);
            Assert.Contains("10,000 training and 2,000 test images", output);
            Assert.Contains($"1 epoch of 64-image batches; {recipe}", output);
            Assert.Matches(@"epoch 1/1 +batch 157/157 +loss \d\.\d{4} +[\d,]+ samples/s", output);
            Match accuracy = AccuracyLine().Match(output);
            Assert.True(accuracy.Success, $"no 'test accuracy:' line in:\n{output}");
            Assert.True(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture) >= least, accuracy.Value);
            Assert.True(new FileInfo(checkpoint).Length > 0, "the sample saved no checkpoint");
            Assert.Contains($"plotted the loss and accuracy of each epoch in {plot}", output);
            // Redirected output gets one line per epoch, not the terminal's redrawn progress bar.
            Assert.Single(Regex.Matches(output, "epoch 1/1"));
            Assert.DoesNotContain("[#", output);
            byte[] png = File.ReadAllBytes(plot);
            Assert.True(png.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "the plot is not a PNG file");
        }
        finally
        {
            File.Delete(checkpoint);
            File.Delete(plot);
        }
    }

    [Theory]
    [InlineData("--epochs zero", "--epochs needs a whole number of 1 or more, not 'zero'.")]
    [InlineData("--model lenet --augment rotate", "--augment needs none, flip, crop or flip+crop, not 'rotate'.")]
    [InlineData("--weight-decay -1", "--weight-decay needs a number of 0 or more such as 0.05, not '-1'.")]
    public void TheSampleExplainsABadArgument(string arguments, string message)
    {
        ProcessResult result = DotNet.Run(DotNet.RepositoryRoot(), $"run -c Release --project samples/FashionMnist -- {arguments}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output);
        Assert.Contains("Usage: FashionMnist [options]", result.Output);
    }

    [Fact]
    public void TheBenchmarkProjectBuildsWithoutWarnings()
    {
        ProcessResult result = DotNet.Run(DotNet.RepositoryRoot(), "build benchmarks/Precast.Benchmarks -c Release").EnsureSuccess();
        Assert.Contains("0 Warning(s)", result.Output);
    }

    [GeneratedRegex(@"^test accuracy: (0\.\d{4})$", RegexOptions.Multiline)]
    private static partial Regex AccuracyLine();
}
