using System.Text.Json;
using Precast.Schedules;

namespace Precast.Runtime.Tests.Schedules;

/// <summary>
/// PyTorch's scheduler values in tests/fixtures/schedules.json (written by torch_optimizers.py): for
/// two parameter groups, the learning rate (and for one-cycle the momentum) before each of 100 steps,
/// or for ReduceLROnPlateau after each epoch's metric.
/// </summary>
internal static class ScheduleFixtures
{
    /// <summary>Relative tolerance: PyTorch updates most schedules recursively, so its values differ from the closed forms in the last bits.</summary>
    public const double Tolerance = 1e-12;

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "schedules.json"))));

    private static IEnumerable<JsonElement> Cases => Document.Value.RootElement.GetProperty("cases").EnumerateArray();

    /// <summary>The names of the cases whose schedule kind is (or, with <paramref name="exclude"/>, is not) <paramref name="kind"/>.</summary>
    public static TheoryData<string> Names(string kind, bool exclude = false)
    {
        var names = new TheoryData<string>();
        foreach (JsonElement element in Cases)
        {
            if ((element.GetProperty("schedule").GetProperty("kind").GetString() == kind) != exclude)
                names.Add(element.GetProperty("name").GetString()!);
        }
        return names;
    }

    public static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>The schedule a case's "schedule" object describes, with PyTorch's argument names.</summary>
    public static ILearningRateSchedule Create(JsonElement spec)
    {
        double Number(string key, double fallback) => spec.TryGetProperty(key, out JsonElement v) ? v.GetDouble() : fallback;
        long Whole(string key) => spec.GetProperty(key).GetInt64();
        return spec.GetProperty("kind").GetString() switch
        {
            "step" => new StepDecay(Whole("step_size"), Number("gamma", 0.1)),
            "multistep" => new MultiStepDecay(spec.GetProperty("milestones").EnumerateArray().Select(m => m.GetInt64()).ToArray(), Number("gamma", 0.1)),
            "exponential" => new ExponentialDecay(Number("gamma", 0)),
            "cosine" => new CosineAnnealing(Whole("t_max"), Number("eta_min", 0)),
            "warm_restarts" => new CosineAnnealingWarmRestarts(Whole("t_0"), Whole("t_mult"), Number("eta_min", 0)),
            "linear" => new LinearWarmup(Whole("total_iters"), Number("start_factor", 1.0 / 3), Number("end_factor", 1)),
            "sequential" => new SequentialSchedule([Create(spec.GetProperty("first")), Create(spec.GetProperty("second"))], [Whole("milestone")]),
            "one_cycle" => new OneCycle(Whole("total_steps"), Number("pct_start", 0.3),
                spec.TryGetProperty("anneal_strategy", out JsonElement a) && a.GetString() == "linear" ? Annealing.Linear : Annealing.Cosine,
                Number("div_factor", 25), Number("final_div_factor", 1e4),
                spec.TryGetProperty("three_phase", out JsonElement t) && t.GetBoolean(),
                cycleMomentum: true, Number("base_momentum", 0.85), Number("max_momentum", 0.95)),
            "noam" => new NoamSchedule(Whole("model_size"), Whole("warmup")),
            var kind => throw new ArgumentOutOfRangeException(nameof(spec), kind, "unknown schedule"),
        };
    }

    /// <summary>A [steps][groups] array of numbers.</summary>
    public static double[][] Table(JsonElement element, string key) =>
        [.. element.GetProperty(key).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray())];

    public static double[] Row(JsonElement element, string key) =>
        [.. element.GetProperty(key).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())];

    /// <summary>Checks <paramref name="actual"/> against PyTorch's <paramref name="expected"/> within <see cref="Tolerance"/>, relative (and 1e-18 absolute, for values at 0).</summary>
    public static void AssertClose(double expected, double actual, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= Tolerance * Math.Abs(expected) + 1e-18, $"{what}: {actual:R}, PyTorch has {expected:R} (difference {error:E2}).");
    }
}
