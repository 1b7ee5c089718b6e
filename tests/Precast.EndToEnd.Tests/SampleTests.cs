using System.Globalization;
using System.Text.RegularExpressions;

namespace Precast.EndToEnd.Tests;

/// <summary>
/// The README's main job, run as the README says, on the data shipped in the repository (one
/// epoch, to keep the test short), and the benchmark project, which must keep building.
/// </summary>
public sealed partial class SampleTests
{
    // One epoch on the subset reaches about 0.81 with the dense networks, 0.78 with LeNet and 0.73
    // with the Inception network (whose batch statistics are still settling); chance is 0.10. The
    // ResNet takes minutes per epoch even on the subset, so the model tests cover it instead.
    [Theory]
    [InlineData("mlp", 0.75)]
    [InlineData("residual", 0.75)]
    [InlineData("lenet", 0.70)]
    [InlineData("inception", 0.60)]
    public void TheFashionMnistSampleTrainsAndReportsItsTestAccuracy(string model, double least)
    {
        string checkpoint = Path.Combine(Path.GetTempPath(), $"precast-sample-{Guid.NewGuid():N}.safetensors");
        string plot = Path.ChangeExtension(checkpoint, ".png");
        try
        {
            string output = DotNet.Run(DotNet.RepositoryRoot(),
                $"run -c Release --project samples/FashionMnist -- --model {model} --epochs 1 --checkpoint \"{checkpoint}\"").EnsureSuccess().Output;

            Assert.Contains("Fashion-MNIST from", output);
            Assert.Contains("10,000 training and 2,000 test images", output);
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

    [Fact]
    public void TheSampleExplainsABadArgument()
    {
        ProcessResult result = DotNet.Run(DotNet.RepositoryRoot(), "run -c Release --project samples/FashionMnist -- --epochs zero");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--epochs needs a whole number of 1 or more, not 'zero'.", result.Output);
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
