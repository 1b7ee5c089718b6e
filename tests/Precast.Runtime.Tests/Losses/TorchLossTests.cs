using System.Text.Json;
using Precast.Losses;

namespace Precast.Runtime.Tests.Losses;

/// <summary>
/// The float losses against PyTorch's values in tests/fixtures/losses.json (written by
/// tests/fixtures/torch_losses.py): the mean loss and its gradient with respect to the inputs.
/// </summary>
public class TorchLossTests
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
        Assert.Equal(new HashSet<string?> { "softmax_cross_entropy", "sigmoid_binary_cross_entropy", "mean_squared_error" }, losses);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        JsonElement fixture = Document.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Single(element => element.GetProperty("name").GetString() == name);
        float[] inputs = Floats(fixture.GetProperty("inputs"));
        float[] expectedGradient = Floats(fixture.GetProperty("gradient"));
        var gradient = new float[inputs.Length];
        float loss = fixture.GetProperty("loss").GetString() switch
        {
            "softmax_cross_entropy" => SoftmaxCrossEntropy.Compute<float>(
                inputs, fixture.GetProperty("targets").EnumerateArray().Select(e => e.GetInt32()).ToArray(), gradient,
                fixture.GetProperty("batch").GetInt32(), fixture.GetProperty("classes").GetInt32()),
            "sigmoid_binary_cross_entropy" => SigmoidBinaryCrossEntropy.Compute<float>(inputs, Floats(fixture.GetProperty("targets")), gradient),
            "mean_squared_error" => MeanSquaredError.Compute<float>(inputs, Floats(fixture.GetProperty("targets")), gradient),
            var other => throw new InvalidOperationException($"losses.json case '{name}' has unknown loss '{other}'."),
        };

        AssertClose(fixture.GetProperty("value").GetSingle(), loss, $"{name}: loss");
        for (int i = 0; i < gradient.Length; i++)
            AssertClose(expectedGradient[i], gradient[i], $"{name}: gradient[{i}]");
    }

    /// <summary>|actual − expected| ≤ 1e-5·|expected| + 1e-7 (the absolute part covers gradients near zero).</summary>
    private static void AssertClose(float expected, float actual, string what)
    {
        double tolerance = 1e-5 * Math.Abs(expected) + 1e-7;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what} is {actual:R}; PyTorch gives {expected:R}.");
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
