using System.Numerics;
using System.Text.Json;
using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>
/// The PyTorch trajectories in tests/fixtures/optimizers.json (written by torch_optimizers.py) and
/// the comparison the optimizer tests make against them.
/// </summary>
internal static class OptimizerFixtures
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "optimizers.json"))));

    private static IEnumerable<JsonElement> Cases => Document.Value.RootElement.GetProperty("cases").EnumerateArray();

    /// <summary>
    /// The tolerance of a comparison in <typeparamref name="T"/>: |actual − expected| ≤ t + t·|expected|.
    /// 1e-6 for float (a few float roundings of difference, over 20 steps); 1e-12 for double, where
    /// the same rules in the same order differ from PyTorch's only in the last bits.
    /// </summary>
    public static double Tolerance<T>() => typeof(T) == typeof(float) ? 1e-6 : 1e-12;

    /// <summary>The names of the cases whose "optimizer" field is one of <paramref name="optimizers"/>, or every case if none is given.</summary>
    public static TheoryData<string> Names(params string[] optimizers)
    {
        var names = new TheoryData<string>();
        foreach (JsonElement element in Cases)
        {
            if (optimizers.Length == 0 || optimizers.Contains(element.GetProperty("optimizer").GetString()))
                names.Add(element.GetProperty("name").GetString()!);
        }
        return names;
    }

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static OptimizerCase Case(string name) => new(Cases.Single(element => element.GetProperty("name").GetString() == name));

    /// <summary>Every case.</summary>
    public static IEnumerable<OptimizerCase> All() => Cases.Select(element => new OptimizerCase(element));

    /// <summary>
    /// Runs steps <paramref name="from"/> to the last (counting from 0) of <paramref name="fixture"/>
    /// through <paramref name="optimizer"/>, clipping first as the case does, starting from
    /// <paramref name="parameters"/>, and checks the parameters (and clipping norms) against PyTorch's
    /// after every step. Returns the largest deviation seen.
    /// </summary>
    public static Deviation Replay<T>(OptimizerCase fixture, IOptimizer<T> optimizer, T[] parameters, int from = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerCase.Clip? clip = fixture.Clipping();
        Deviation worst = default;
        for (int s = from; s < fixture.Steps; s++)
        {
            T[] gradients = fixture.Gradients<T>(s);
            if (clip is { ByNorm: true })
            {
                double norm = GradientClipping.ClipByNorm<T>(gradients, clip.Limit, clip.NormType);
                // PyTorch sums a float32 norm in float32; this one is exact in double, so float's tolerance applies.
                worst = worst.Max(AssertClose<double>([fixture.Norms<T>()[s]], [norm], $"{fixture.Name}, norm at step {s + 1}", Tolerance<T>()));
            }
            else if (clip is not null)
            {
                GradientClipping.ClipByValue<T>(gradients, clip.Limit);
            }
            optimizer.Step(parameters, gradients);
            worst = worst.Max(AssertClose(fixture.ParametersAfter<T>(s), parameters, $"{fixture.Name} ({typeof(T).Name}), parameters after step {s + 1}"));
        }
        return worst;
    }

    /// <summary>
    /// Checks every value of <paramref name="actual"/> against <paramref name="expected"/>:
    /// |actual − expected| ≤ t·(1 + |expected|) with t = <paramref name="tolerance"/> or <see cref="Tolerance{T}"/>.
    /// </summary>
    public static Deviation AssertClose<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what, double? tolerance = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double bound = tolerance ?? Tolerance<T>();
        Deviation worst = default;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateTruncating(expected[i]);
            double a = double.CreateTruncating(actual[i]);
            double error = Math.Abs(a - e);
            Assert.True(error <= bound * (1 + Math.Abs(e)),
                $"{what}: value {i} is {a:R}, PyTorch has {e:R} (difference {error:E2}, tolerance {bound:E0}·(1 + |expected|)).");
            worst = worst.Max(new Deviation(error / (1 + Math.Abs(e)), Math.Abs(e) >= Deviation.RelativeFloor ? error / Math.Abs(e) : 0));
        }
        return worst;
    }

    /// <summary>How far results are from PyTorch's.</summary>
    /// <param name="Normalized">|actual − expected| / (1 + |expected|): what the tolerance bounds.</param>
    /// <param name="Relative">|actual − expected| / |expected| over values of magnitude <see cref="RelativeFloor"/> or more
    /// (nearer zero, values come from cancellation and float32 alone moves them further: PyTorch's own
    /// float32 and float64 runs differ by up to 6e-5 relative there).</param>
    public readonly record struct Deviation(double Normalized, double Relative)
    {
        /// <summary>The smallest magnitude whose relative error counts.</summary>
        public const double RelativeFloor = 0.1;

        public Deviation Max(Deviation other) => new(Math.Max(Normalized, other.Normalized), Math.Max(Relative, other.Relative));
    }
}
