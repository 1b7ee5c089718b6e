using System.Text.Json;

namespace Precast.Models.Tests;

/// <summary>
/// A PyTorch fixture file (written by a script in tests/fixtures through fixture_io.py) and the
/// comparison every PyTorch reference test makes with it: reading its arrays, and asserting that
/// Precast's float32 values are within the shared tolerance of PyTorch's.
/// </summary>
internal sealed class TorchFixture
{
    // The fixtures hold the exact answer for their float32 values (torch evaluates them in float64),
    // so this is Precast's float32 error alone. The floor covers values near zero, where a relative
    // bound would demand more than float32 holds (sigmoid(-20) ≈ 2e-9, summed gradients that cancel).
    public const double RelativeTolerance = 1e-5;
    public const double AbsoluteTolerance = 1e-6;

    private readonly string _path;
    private readonly string _script;

    /// <summary>Reads <paramref name="fileName"/> from the test output's fixtures folder.</summary>
    /// <param name="fileName">The fixture file, e.g. <c>layers.json</c>.</param>
    /// <param name="script">The script under tests/fixtures that writes it, named in messages.</param>
    public TorchFixture(string fileName, string script)
    {
        _path = Path.Combine(AppContext.BaseDirectory, "fixtures", fileName);
        _script = script;
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_path));
        Cases = [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }

    /// <summary>Every case of the file, in its order.</summary>
    public JsonElement[] Cases { get; }

    /// <summary>The name of each case.</summary>
    public IEnumerable<string> CaseNames => Cases.Select(c => c.GetProperty("name").GetString()!);

    /// <summary>The case named <paramref name="name"/>.</summary>
    public JsonElement Case(string name) =>
        Cases.SingleOrDefault(c => c.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new InvalidOperationException($"{_path} has no case named '{name}'; regenerate it with tests/fixtures/{_script}");

    /// <summary>The array <paramref name="property"/> of a fixture object, each element read by <paramref name="read"/>.</summary>
    public static T[] Values<T>(JsonElement element, string property, Func<JsonElement, T> read) =>
        [.. element.GetProperty(property).EnumerateArray().Select(read)];

    // Read as double, then rounded: values below float32's range (softmax of -100) become 0 instead of failing to parse.
    public static float ReadFloat(JsonElement value) => (float)value.GetDouble();

    public static int ReadInt(JsonElement value) => value.GetInt32();

    /// <summary>The entry named <paramref name="name"/> of a case's "parameters".</summary>
    public static JsonElement Tensor(JsonElement[] tensors, string name) =>
        tensors.Single(t => t.GetProperty("name").GetString() == name);

    /// <summary>
    /// Fails naming the case, the tensor and its worst value (index in the tensor's shape, actual,
    /// expected) when any value is further from PyTorch's than max(absolute, relative·|expected|).
    /// </summary>
    public static void AssertClose(string name, string tensor, int[] shape, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.True(expected.Length == actual.Length,
            $"{name}: {tensor} has {actual.Length} values; PyTorch's, of shape {ShapeText.Format(shape)}, has {expected.Length}");
        int worst = -1;
        int failures = 0;
        double worstRatio = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]);
            double allowed = Math.Max(AbsoluteTolerance, RelativeTolerance * Math.Abs(expected[i]));
            // NaN fails every comparison, so it is tested for explicitly and counts as the worst.
            double ratio = double.IsNaN(error) ? double.PositiveInfinity : error / allowed;
            if (ratio <= 1)
                continue;
            failures++;
            if (ratio > worstRatio)
                (worst, worstRatio) = (i, ratio);
        }
        if (failures == 0)
            return;
        Assert.Fail(
            $"{name}: {tensor}{Index(worst, shape)} is {actual[worst]:R} but PyTorch gives {expected[worst]:R} " +
            $"(error {Math.Abs((double)actual[worst] - expected[worst]):G3}, {worstRatio:G3} times the tolerance); " +
            $"{failures} of {expected.Length} values of {ShapeText.Format(shape)} are outside max({AbsoluteTolerance}, {RelativeTolerance}·|expected|)");
    }

    /// <summary>A flat row-major index as "[i, j, ...]" in <paramref name="shape"/>; nothing for a scalar.</summary>
    private static string Index(int flat, int[] shape)
    {
        if (shape.Length == 0)
            return "";
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
            (flat, index[d]) = Math.DivRem(flat, shape[d]);
        return $"[{string.Join(", ", index)}]";
    }
}
