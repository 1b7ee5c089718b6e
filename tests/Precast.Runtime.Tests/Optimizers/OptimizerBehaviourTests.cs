using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>What every optimizer configuration must do, whatever its rule.</summary>
public class OptimizerBehaviourTests
{
    public static TheoryData<string> Kinds => ["sgd", "sgd-nesterov-decay", "adam-l2", "adamw"];

    private static IOptimizer ForModel(string kind, IModel<float> model) => kind switch
    {
        "sgd" => new Sgd(model, 0.5f),
        "sgd-nesterov-decay" => new Sgd(model, 0.1f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true),
        "adam-l2" => new Adam(model, 0.05f, weightDecay: 0.01f),
        "adamw" => new Adam(model, 0.05f, weightDecay: 0.01f, decoupledWeightDecay: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer kind"),
    };

    private static OptimizerFixtures.RawStep ForBuffers(string kind, int count) => kind switch
    {
        "sgd" => new Sgd(count, 0.5f).Step,
        "sgd-nesterov-decay" => new Sgd(count, 0.1f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true).Step,
        "adam-l2" => new Adam(count, 0.05f, weightDecay: 0.01f).Step,
        "adamw" => new Adam(count, 0.05f, weightDecay: 0.01f, decoupledWeightDecay: true).Step,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer kind"),
    };

    public static TheoryData<string> FixtureCases => OptimizerFixtures.Names("sgd", "adam", "adamw");

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Reset_StartsOverLikeANewOptimizer(string name)
    {
        OptimizerCase fixture = OptimizerFixtures.Case(name);
        (IOptimizer optimizer, OptimizerFixtures.RawStep step) = OptimizerFixtures.Create(fixture);
        OptimizerFixtures.Replay(fixture, step, fixture.Initial());

        optimizer.Reset();

        Assert.Equal(0, optimizer.StepCount);
        OptimizerFixtures.Replay(fixture, step, fixture.Initial());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_WithModel_UpdatesTheModelsParametersAsTheRawForm(string kind)
    {
        var model = new LinearTestModel(inputLength: 4, classes: 3, maxBatch: 2);
        for (int i = 0; i < model.Parameters.Length; i++)
        {
            model.Parameters[i] = 0.1f * i - 0.7f;
            model.Gradients[i] = 0.05f * (i % 5) - 0.1f;
        }
        float[] parameters = model.Parameters.ToArray();
        IOptimizer optimizer = ForModel(kind, model);
        OptimizerFixtures.RawStep raw = ForBuffers(kind, parameters.Length);

        for (int step = 0; step < 3; step++)
        {
            optimizer.Step();
            raw(parameters, model.Gradients);
        }

        Assert.Equal(parameters, model.Parameters.ToArray());
        Assert.Equal(3, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_AllocatesNothing(string kind)
    {
        var model = new LinearTestModel(inputLength: 30, classes: 7, maxBatch: 1);
        model.Gradients.Fill(0.01f);
        IOptimizer optimizer = ForModel(kind, model);
        int steps = 0;

        Allocations.AssertNone(() =>
        {
            optimizer.Step();
            steps++;
        });

        Assert.Equal(steps, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_GivesTheSameUpdateAtEveryPosition(string kind)
    {
        // Values in the last, partial vector block go through the same rule as full blocks, so equal
        // inputs give bitwise equal outputs at every position and for every buffer length.
        float expected = float.NaN;
        for (int count = 0; count <= 19; count++)
        {
            OptimizerFixtures.RawStep step = ForBuffers(kind, count);
            float[] parameters = Enumerable.Repeat(0.75f, count).ToArray();
            float[] gradients = Enumerable.Repeat(-0.3f, count).ToArray();
            for (int s = 0; s < 3; s++)
                step(parameters, gradients);
            if (count > 0 && float.IsNaN(expected))
                expected = parameters[0];
            Assert.All(parameters, value => Assert.Equal(expected, value));
        }
        Assert.NotEqual(0.75f, expected);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_WithNonFiniteGradients_StillUpdatesEveryOtherParameter(string kind)
    {
        const int count = 37;
        float[] finite = Enumerable.Range(0, count).Select(i => 0.1f * (i % 7) - 0.3f).ToArray();
        float[] broken = (float[])finite.Clone();
        broken[3] = float.NaN;
        broken[35] = float.PositiveInfinity;
        float[] expected = Enumerable.Range(0, count).Select(i => 1f - 0.05f * i).ToArray();
        float[] actual = (float[])expected.Clone();
        OptimizerFixtures.RawStep reference = ForBuffers(kind, count);
        OptimizerFixtures.RawStep step = ForBuffers(kind, count);

        for (int s = 0; s < 2; s++)
        {
            reference(expected, finite);
            step(actual, broken);
        }

        for (int i = 0; i < count; i++)
        {
            if (i is 3 or 35)
                Assert.False(float.IsFinite(actual[i]), $"parameter {i} has a non-finite gradient but is {actual[i]}");
            else
                Assert.Equal(expected[i], actual[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TrainStepThenStep_LowersTheLossOfASeparableProblem(string kind)
    {
        // Three points, three classes, each class on its own axis: any working optimizer separates them.
        var model = new LinearTestModel(inputLength: 3, classes: 3, maxBatch: 3);
        float[] inputs = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        int[] labels = [0, 1, 2];
        IOptimizer optimizer = ForModel(kind, model);

        float first = model.TrainStep(inputs, labels);
        optimizer.Step();
        float last = first;
        for (int step = 0; step < 30; step++)
        {
            last = model.TrainStep(inputs, labels);
            optimizer.Step();
        }

        Assert.Equal(MathF.Log(3), first, 1e-6f);
        Assert.True(last < 0.5f * first, $"{kind}: loss went from {first} to {last}; expected it to halve");
    }
}
