using System.Text.Json;
using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>
/// The PyTorch trajectories in tests/fixtures/optimizers.json (written by torch_optimizers.py) and
/// the comparison the optimizer tests make against them.
/// </summary>
internal static class OptimizerFixtures
{
    /// <summary>Absolute and relative tolerance: |actual − expected| ≤ 1e-6 + 1e-6·|expected|.</summary>
    public const double Tolerance = 1e-6;

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "optimizers.json"))));

    /// <summary>One step of a raw-buffer optimizer.</summary>
    public delegate void RawStep(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>The names of the cases whose "optimizer" field is one of <paramref name="optimizers"/>.</summary>
    public static TheoryData<string> Names(params string[] optimizers)
    {
        var names = new TheoryData<string>();
        foreach (JsonElement element in Document.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (optimizers.Contains(element.GetProperty("optimizer").GetString()))
                names.Add(element.GetProperty("name").GetString()!);
        }
        return names;
    }

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static OptimizerCase Case(string name) =>
        new(Document.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Single(element => element.GetProperty("name").GetString() == name));

    /// <summary>A raw-buffer <see cref="Sgd"/> with the hyperparameters of an "sgd" case.</summary>
    public static Sgd CreateSgd(OptimizerCase fixture) =>
        new(fixture.Initial().Length, fixture.Number("lr"), fixture.Number("momentum"), fixture.Number("dampening"),
            fixture.Number("weight_decay"), fixture.Flag("nesterov"));

    /// <summary>A raw-buffer <see cref="Adam"/> with the hyperparameters of an "adam" or "adamw" case.</summary>
    public static Adam CreateAdam(OptimizerCase fixture) =>
        new(fixture.Initial().Length, fixture.Number("lr"), fixture.Number("beta1"), fixture.Number("beta2"), fixture.Number("eps"),
            fixture.Number("weight_decay"), decoupledWeightDecay: fixture.Optimizer == "adamw");

    /// <summary>The optimizer a case describes, with its raw-buffer step.</summary>
    public static (IOptimizer Optimizer, RawStep Step) Create(OptimizerCase fixture)
    {
        if (fixture.Optimizer == "sgd")
        {
            Sgd sgd = CreateSgd(fixture);
            return (sgd, sgd.Step);
        }
        Adam adam = CreateAdam(fixture);
        return (adam, adam.Step);
    }

    /// <summary>
    /// Runs steps <paramref name="from"/> to the last (counting from 0) of <paramref name="fixture"/>
    /// through <paramref name="step"/>, starting from <paramref name="parameters"/>, and checks the
    /// parameters against PyTorch's after every step.
    /// </summary>
    public static void Replay(OptimizerCase fixture, RawStep step, float[] parameters, int from = 0)
    {
        for (int s = from; s < fixture.Steps; s++)
        {
            step(parameters, fixture.Gradients(s));
            AssertClose(fixture.ParametersAfter(s), parameters, $"{fixture.Name}, parameters after step {s + 1}");
        }
    }

    /// <summary>Checks every value of <paramref name="actual"/> against <paramref name="expected"/> within <see cref="Tolerance"/>.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]);
            Assert.True(error <= Tolerance + Tolerance * Math.Abs(expected[i]),
                $"{what}: value {i} is {actual[i]:R}, PyTorch has {expected[i]:R} (difference {error:E2}).");
        }
    }
}
