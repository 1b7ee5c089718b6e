using Precast.Optimizers;
using Precast.Schedules;

namespace Precast.Runtime.Tests.Schedules;

public class ScheduleTests
{
    [Fact]
    public void Noam_PeaksAtTheEndOfWarmupAtThePapersRate()
    {
        var noam = new NoamSchedule(modelSize: 512, warmupSteps: 4000);

        double peak = noam.LearningRate(4000, 1);

        Assert.Equal(Math.Pow(512, -0.5) * Math.Pow(4000, -0.5), peak, 1e-18);
        Assert.True(noam.LearningRate(3999, 1) < peak && noam.LearningRate(4001, 1) < peak);
        Assert.Equal(noam.LearningRate(1, 1), noam.LearningRate(0, 1));
        Assert.Equal(2 * peak, noam.LearningRate(4000, 2));
    }

    [Fact]
    public void SequentialSchedule_CountsEachScheduleFromItsMilestone()
    {
        var schedule = new SequentialSchedule([new LinearWarmup(steps: 4, startFactor: 0.25), new StepDecay(stepSize: 2, gamma: 0.5), new ExponentialDecay(0.9)], [4, 10]);

        double[] rates = [.. Enumerable.Range(0, 13).Select(step => schedule.LearningRate(step, 8))];

        Assert.Equal([2, 3.5, 5, 6.5, 8, 8, 4, 4, 2, 2, 8, 8 * 0.9, 8 * 0.9 * 0.9], rates, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void WarmRestarts_RestartAtGrowingPeriods()
    {
        var schedule = new CosineAnnealingWarmRestarts(firstPeriod: 2, periodMultiplier: 3);

        // Cycles start at 0, 2, 8, 26.
        Assert.Equal(1, schedule.LearningRate(0, 1));
        Assert.Equal(1, schedule.LearningRate(2, 1));
        Assert.Equal(1, schedule.LearningRate(8, 1));
        Assert.Equal(1, schedule.LearningRate(26, 1));
        Assert.Equal(0.5, schedule.LearningRate(8 + 9, 1), 1e-15);
        Assert.True(schedule.LearningRate(long.MaxValue / 2, 1) is >= 0 and <= 1);
    }

    [Fact]
    public void OneCycle_PastTheLastStep_IsAnError()
    {
        var cycle = new OneCycle(totalSteps: 10);

        cycle.LearningRate(10, 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => cycle.LearningRate(11, 1));

        Assert.Contains("OneCycle: step is 11, past the cycle's 10 total steps", error.Message);
    }

    [Fact]
    public void ApplySchedule_SetsMomentumOnlyWhereAsked_AndFailsWithoutChangingAnything()
    {
        var adam = new Adam<float>(4, new AdamOptions { LearningRate = 0.1 });
        var adagrad = new Adagrad<float>(4, new AdagradOptions { LearningRate = 0.1 });
        var cycle = new OneCycle(totalSteps: 10);

        adam.ApplySchedule(cycle, 3);
        var error = Assert.Throws<InvalidOperationException>(() => adagrad.ApplySchedule(cycle, 3));
        adagrad.ApplySchedule(new OneCycle(totalSteps: 10, cycleMomentum: false), 3);

        Assert.Equal(cycle.LearningRate(3, 0.1), adam.LearningRate);
        Assert.Equal(cycle.Momentum(3), adam.Groups[0].Momentum);
        Assert.Contains("Adagrad: OneCycle sets momentum, but this group has none", error.Message);
        Assert.Equal(cycle.LearningRate(3, 0.1), adagrad.LearningRate);
    }

    [Fact]
    public void ApplySchedule_AllocatesNothing()
    {
        var model = Optimizers.TensorTestModel<float>.Mlp();
        var options = new SgdOptions { LearningRate = 0.1, Momentum = 0.9 };
        var sgd = new Sgd<float>(model, options, ParameterGroup.NoDecay(options));
        ILearningRateSchedule[] schedules =
        [
            new StepDecay(3), new MultiStepDecay([2, 5]), new ExponentialDecay(0.9), new CosineAnnealing(50), new CosineAnnealingWarmRestarts(5, 2),
            new LinearWarmup(), new SequentialSchedule([new LinearWarmup(), new CosineAnnealing(10)], [5]), new OneCycle(1000), new NoamSchedule(64, 10),
        ];
        var plateau = new ReduceOnPlateau(sgd);
        long step = 0;

        Allocations.AssertNone(() =>
        {
            foreach (ILearningRateSchedule schedule in schedules)
                sgd.ApplySchedule(schedule, step % 1000);
            plateau.Step(1.0 / (1 + step % 7));
            step++;
        });
    }

    [Fact]
    public void ReduceOnPlateau_SavedAndRestored_ContinuesAsTheUninterruptedOne()
    {
        double[] metrics = [5, 4, 4.5, 4.2, 4.1, 4.3, 4.4, 3, 3.1, 3.2, 3.3, 3.4, 3.5, 2.9, 3.6, 3.7, 3.8, 3.9];
        var reference = new Sgd<double>(1, new SgdOptions { LearningRate = 1 });
        var referencePlateau = new ReduceOnPlateau(reference) { Patience = 1, Cooldown = 2, Factor = 0.5 };
        foreach (double metric in metrics)
            referencePlateau.Step(metric);

        var before = new Sgd<double>(1, new SgdOptions { LearningRate = 1 });
        var beforePlateau = new ReduceOnPlateau(before) { Patience = 1, Cooldown = 2, Factor = 0.5 };
        foreach (double metric in metrics[..9])
            beforePlateau.Step(metric);
        var after = new Sgd<double>(1, new SgdOptions { LearningRate = 1 });
        var afterPlateau = new ReduceOnPlateau(after) { Patience = 1, Cooldown = 2, Factor = 0.5 };
        Copy(before.State, after.State);
        Copy(beforePlateau, afterPlateau);
        foreach (double metric in metrics[9..])
            afterPlateau.Step(metric);

        Assert.Equal(reference.LearningRate, after.LearningRate);
        Assert.True(reference.LearningRate < 0.2, $"the metrics should cut the rate a few times; it is {reference.LearningRate}");
        Assert.Equal(referencePlateau.Best, afterPlateau.Best);
        Assert.Equal(referencePlateau.BadEpochs, afterPlateau.BadEpochs);
        Assert.Equal(referencePlateau.CooldownLeft, afterPlateau.CooldownLeft);
        Assert.Equal(referencePlateau.Epochs, afterPlateau.Epochs);
        Assert.Equal(["plateau.best", "plateau.num_bad_epochs", "plateau.cooldown_counter", "plateau.last_epoch"], ((IScalarState)afterPlateau).ScalarNames);
    }

    private static void Copy(IScalarState from, IScalarState to)
    {
        for (int i = 0; i < from.ScalarNames.Count; i++)
            to.SetScalar(i, from.GetScalar(i));
    }

    [Fact]
    public void ReduceOnPlateau_RejectsBadSettingsAndSavedValues()
    {
        var sgd = new Sgd<float>(1, new SgdOptions());
        IScalarState state = new ReduceOnPlateau(sgd);

        Assert.Contains("ReduceOnPlateau: Factor is 1; expected a value in [0, 1).",
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(sgd) { Factor = 1 }).Message);
        Assert.Contains("ReduceOnPlateau: Patience is -1; expected 0 or more.",
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(sgd) { Patience = -1 }).Message);
        Assert.Contains("ReduceOnPlateau: MinLearningRates has 2 values; the optimizer has 1 groups.",
            Assert.Throws<ArgumentException>(() => new ReduceOnPlateau(sgd) { MinLearningRates = [0, 0] }).Message);
        Assert.Contains("ReduceOnPlateau: the saved 'plateau.num_bad_epochs' is 1.5; expected a whole number, 0 or more.",
            Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(1, 1.5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => state.SetScalar(0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.GetScalar(4));
    }

    public static TheoryData<string, string> InvalidSchedules => new()
    {
        { "step size", "StepDecay: stepSize is 0; expected 1 or more." },
        { "step gamma", "StepDecay: gamma is -0.1; expected a finite value of at least 0." },
        { "multistep", "MultiStepDecay: milestones is 0; expected 1 or more." },
        { "cosine", "CosineAnnealing: maxSteps is 0; expected 1 or more." },
        { "restarts", "CosineAnnealingWarmRestarts: periodMultiplier is 0; expected 1 or more." },
        { "linear", "LinearWarmup: startFactor is 0; expected a value in (0, 1]." },
        { "sequential count", "SequentialSchedule: 2 schedules need 1 milestones (where each next one takes over); got 0." },
        { "sequential order", "SequentialSchedule: milestone 1 is 3; expected more than 5, as milestones increase from 1." },
        { "one-cycle", "OneCycle: pctStart is 1.5; expected a value in [0, 1]." },
        { "noam", "NoamSchedule: warmupSteps is 0; expected 1 or more." },
        { "negative step", "ExponentialDecay: step is -1; expected 0 or more." },
    };

    [Theory]
    [MemberData(nameof(InvalidSchedules))]
    public void Schedules_RejectBadArguments_NamingThem(string what, string message)
    {
        Action create = what switch
        {
            "step size" => () => _ = new StepDecay(0),
            "step gamma" => () => _ = new StepDecay(3, -0.1),
            "multistep" => () => _ = new MultiStepDecay([3, 0]),
            "cosine" => () => _ = new CosineAnnealing(0),
            "restarts" => () => _ = new CosineAnnealingWarmRestarts(3, 0),
            "linear" => () => _ = new LinearWarmup(5, startFactor: 0),
            "sequential count" => () => _ = new SequentialSchedule([new StepDecay(1), new StepDecay(2)], []),
            "sequential order" => () => _ = new SequentialSchedule([new StepDecay(1), new StepDecay(2), new StepDecay(3)], [5, 3]),
            "one-cycle" => () => _ = new OneCycle(10, pctStart: 1.5),
            "noam" => () => _ = new NoamSchedule(512, 0),
            "negative step" => () => new ExponentialDecay(0.9).LearningRate(-1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, "unknown case"),
        };

        Assert.Contains(message, Assert.ThrowsAny<ArgumentException>(create).Message);
    }
}
