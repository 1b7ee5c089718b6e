using System.Numerics;
using System.Text.Json;
using Precast.Losses;
using Xunit.Abstractions;

namespace Precast.Runtime.Tests.Losses;

/// <summary>
/// Every loss against PyTorch's values in tests/fixtures/losses.json (written by
/// tests/fixtures/torch_losses.py): the mean loss and its gradient with respect to the inputs, in float
/// and in double. The fixture's values are PyTorch's float64 results for float32 inputs, written to nine
/// digits, so they are the answer for both precisions: float must match to float rounding (1e-5
/// relative), double to the digits written (1e-8).
/// </summary>
public class TorchLossTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "losses.json"))));

    public static TheoryData<string> Cases()
    {
        var names = new TheoryData<string>();
        foreach (JsonElement element in Document.Value.RootElement.GetProperty("cases").EnumerateArray())
            names.Add(element.GetProperty("name").GetString()!);
        return names;
    }

    [Fact]
    public void EveryLossHasCases()
    {
        var losses = Document.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Select(element => element.GetProperty("loss").GetString()).ToHashSet();
        Assert.Equal(
            new HashSet<string?>
            {
                "softmax_cross_entropy", "softmax_cross_entropy_probabilities", "kl_divergence", "sigmoid_binary_cross_entropy",
                "mean_squared_error", "mean_absolute_error", "huber",
            },
            losses);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorchInFloat(string name) => Check<float>(name, relative: 1e-5, absolute: 1e-7);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorchInDouble(string name) => Check<double>(name, relative: 1e-8, absolute: 1e-12);

    private void Check<T>(string name, double relative, double absolute)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonElement fixture = Document.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Single(element => element.GetProperty("name").GetString() == name);
        T[] inputs = Values<T>(fixture.GetProperty("inputs"));
        double[] expectedGradient = fixture.GetProperty("gradient").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        int batch = fixture.GetProperty("batch").GetInt32();
        int classes = fixture.GetProperty("classes").GetInt32();
        T Option(string option, double fallback) =>
            T.CreateTruncating(fixture.TryGetProperty(option, out JsonElement value) ? value.GetDouble() : fallback);
        T[] Targets() => Values<T>(fixture.GetProperty("targets"));

        var gradient = new T[inputs.Length];
        T loss = fixture.GetProperty("loss").GetString() switch
        {
            "softmax_cross_entropy" => SoftmaxCrossEntropy.Compute<T>(
                inputs, fixture.GetProperty("targets").EnumerateArray().Select(e => e.GetInt32()).ToArray(), gradient,
                batch, classes, Option("label_smoothing", 0)),
            "softmax_cross_entropy_probabilities" => SoftmaxCrossEntropy.Compute<T>(
                inputs, Targets(), gradient, batch, classes, Option("label_smoothing", 0)),
            "kl_divergence" => KLDivergence.Compute<T>(inputs, Targets(), gradient, batch, classes),
            "sigmoid_binary_cross_entropy" => SigmoidBinaryCrossEntropy.Compute<T>(inputs, Targets(), gradient),
            "mean_squared_error" => MeanSquaredError.Compute<T>(inputs, Targets(), gradient),
            "mean_absolute_error" => MeanAbsoluteError.Compute<T>(inputs, Targets(), gradient),
            "huber" => Huber.Compute<T>(inputs, Targets(), gradient, Option("delta", 1)),
            var other => throw new InvalidOperationException($"losses.json case '{name}' has unknown loss '{other}'."),
        };

        string precision = typeof(T).Name;
        double expectedLoss = fixture.GetProperty("value").GetDouble();
        AssertClose(expectedLoss, double.CreateTruncating(loss), relative, absolute, $"{name} ({precision}): loss");
        double gradientError = 0;
        for (int i = 0; i < gradient.Length; i++)
        {
            AssertClose(expectedGradient[i], double.CreateTruncating(gradient[i]), relative, absolute, $"{name} ({precision}): gradient[{i}]");
            gradientError = Math.Max(gradientError, Math.Abs(double.CreateTruncating(gradient[i]) - expectedGradient[i]));
        }
        output.WriteLine(
            $"{name} ({precision}): loss relative error {Math.Abs(double.CreateTruncating(loss) - expectedLoss) / Math.Abs(expectedLoss):E2}, " +
            $"largest gradient error {gradientError:E2} (largest gradient {expectedGradient.Max(Math.Abs):E2})");
    }

    /// <summary>|actual − expected| ≤ relative·|expected| + absolute (the absolute part covers gradients near zero).</summary>
    private static void AssertClose(double expected, double actual, double relative, double absolute, string what)
    {
        double tolerance = relative * Math.Abs(expected) + absolute;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what} is {actual:R}; PyTorch gives {expected:R}.");
    }

    /// <summary>The fixture's float32 values, exactly (read as float, then widened for double).</summary>
    private static T[] Values<T>(JsonElement array)
        where T : IFloatingPointIeee754<T>
        => array.EnumerateArray().Select(e => T.CreateTruncating(e.GetSingle())).ToArray();
}
