using System.Text.Json;
using Precast.Optimizers;
using Precast.Schedules;

namespace Precast.Runtime.Tests.Schedules;

/// <summary>Every schedule against PyTorch's scheduler over 100 steps (60 epochs for reduce on plateau), for two groups with different initial rates.</summary>
public class TorchScheduleTests
{
    public static TheoryData<string> ClosedForms => ScheduleFixtures.Names("plateau", exclude: true);

    public static TheoryData<string> Plateaus => ScheduleFixtures.Names("plateau");

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void LearningRate_MatchesTorchAtEveryStep(string name)
    {
        (JsonElement _, ILearningRateSchedule schedule, double[] initial, double[][] expected) = Load(name);

        for (int step = 0; step < expected.Length; step++)
        {
            for (int g = 0; g < initial.Length; g++)
                ScheduleFixtures.AssertClose(expected[step][g], schedule.LearningRate(step, initial[g]), $"{name}, group {g}, step {step}");
        }
    }

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void ApplySchedule_SetsEveryGroupAsTorchDoes(string name)
    {
        // The optimizer PyTorch's case ran: SGD with momentum 0.9 and two groups.
        (JsonElement fixture, ILearningRateSchedule schedule, double[] initial, double[][] expected) = Load(name);
        double[][]? momenta = fixture.TryGetProperty("momenta", out _) ? ScheduleFixtures.Table(fixture, "momenta") : null;
        var options = new SgdOptions { LearningRate = initial[0], Momentum = 0.9 };
        var sgd = new Sgd<float>(2, [new ParameterTensor("a", [1], 0), new ParameterTensor("b", [1], 1)], options,
            ParameterGroup.Named(options with { LearningRate = initial[1] }, "b"));

        for (int step = 0; step < expected.Length; step++)
        {
            sgd.ApplySchedule(schedule, step);
            for (int g = 0; g < 2; g++)
            {
                ScheduleFixtures.AssertClose(expected[step][g], sgd.Groups[g].LearningRate, $"{name}, group {g}, step {step}");
                if (momenta is not null)
                    ScheduleFixtures.AssertClose(momenta[step][g], sgd.Groups[g].Momentum, $"{name}, momentum of group {g}, step {step}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Plateaus))]
    public void ReduceOnPlateau_MatchesTorchEveryEpoch(string name)
    {
        JsonElement fixture = ScheduleFixtures.Case(name);
        JsonElement spec = fixture.GetProperty("schedule");
        double[] initial = ScheduleFixtures.Row(fixture, "initial_lrs");
        var options = new SgdOptions { LearningRate = initial[0] };
        var sgd = new Sgd<double>(2, [new ParameterTensor("a", [1], 0), new ParameterTensor("b", [1], 1)], options,
            ParameterGroup.Named(options with { LearningRate = initial[1] }, "b"));
        ReduceOnPlateau plateau = Plateau(sgd, spec);
        double[] metrics = ScheduleFixtures.Row(fixture, "metrics");
        double[][] expected = ScheduleFixtures.Table(fixture, "lrs");
        double[] best = ScheduleFixtures.Row(fixture, "best");
        double[] bad = ScheduleFixtures.Row(fixture, "num_bad_epochs");
        int cuts = 0;

        for (int epoch = 0; epoch < metrics.Length; epoch++)
        {
            double[] before = [sgd.Groups[0].LearningRate, sgd.Groups[1].LearningRate];
            bool cut = plateau.Step(metrics[epoch]);
            for (int g = 0; g < 2; g++)
                ScheduleFixtures.AssertClose(expected[epoch][g], sgd.Groups[g].LearningRate, $"{name}, group {g}, epoch {epoch}");
            Assert.Equal(cut, before[0] != sgd.Groups[0].LearningRate || before[1] != sgd.Groups[1].LearningRate);
            Assert.Equal(best[epoch], plateau.Best);
            Assert.Equal(bad[epoch], plateau.BadEpochs);
            cuts += cut ? 1 : 0;
        }
        Assert.True(cuts >= 2, $"{name}: the metrics should make the schedule cut at least twice; it cut {cuts} times");
    }

    /// <summary>A closed-form case: its JSON, the schedule, the groups' initial rates and PyTorch's rates per step and group.</summary>
    private static (JsonElement Fixture, ILearningRateSchedule Schedule, double[] Initial, double[][] Expected) Load(string name)
    {
        JsonElement fixture = ScheduleFixtures.Case(name);
        return (fixture, ScheduleFixtures.Create(fixture.GetProperty("schedule")), ScheduleFixtures.Row(fixture, "initial_lrs"), ScheduleFixtures.Table(fixture, "lrs"));
    }

    internal static ReduceOnPlateau Plateau(IOptimizer optimizer, JsonElement spec)
    {
        // PyTorch's min_lr: one for every group, or a list with one per group.
        JsonElement minLr = spec.GetProperty("min_lr");
        double[] minimums = minLr.ValueKind == JsonValueKind.Array
            ? [.. minLr.EnumerateArray().Select(v => v.GetDouble())]
            : [.. Enumerable.Repeat(minLr.GetDouble(), optimizer.Groups.Count)];
        return new ReduceOnPlateau(optimizer)
        {
            Mode = spec.GetProperty("mode").GetString() == "min" ? PlateauMode.Min : PlateauMode.Max,
            Factor = spec.GetProperty("factor").GetDouble(),
            Patience = spec.GetProperty("patience").GetInt32(),
            Threshold = spec.GetProperty("threshold").GetDouble(),
            ThresholdMode = spec.GetProperty("threshold_mode").GetString() == "rel" ? ThresholdMode.Relative : ThresholdMode.Absolute,
            Cooldown = spec.GetProperty("cooldown").GetInt32(),
            MinLearningRates = minimums,
        };
    }
}
