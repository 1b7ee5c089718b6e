using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

public class AdamTests
{
    public static TheoryData<string> Cases => OptimizerFixtures.Names("adam", "adamw");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_MatchesTorchAdamAndAdamWAfterEveryStep(string name)
    {
        OptimizerCase fixture = OptimizerFixtures.Case(name);
        float[] parameters = fixture.Initial();
        Adam adam = OptimizerFixtures.CreateAdam(fixture);

        OptimizerFixtures.Replay(fixture, adam.Step, parameters);

        Assert.Equal(fixture.Steps, adam.StepCount);
        OptimizerFixtures.AssertClose(fixture.State("exp_avg"), adam.FirstMoment, $"{name}, first moment");
        OptimizerFixtures.AssertClose(fixture.State("exp_avg_sq"), adam.SecondMoment, $"{name}, second moment");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RestoreState_ResumesTheTorchTrajectory(string name)
    {
        OptimizerCase fixture = OptimizerFixtures.Case(name);
        float[] parameters = fixture.Initial();
        Adam before = OptimizerFixtures.CreateAdam(fixture);
        before.Step(parameters, fixture.Gradients(0));
        before.Step(parameters, fixture.Gradients(1));

        Adam after = OptimizerFixtures.CreateAdam(fixture);
        after.RestoreState(before.FirstMoment, before.SecondMoment, before.StepCount);

        Assert.Equal(2, after.StepCount);
        OptimizerFixtures.Replay(fixture, after.Step, parameters, from: 2);
    }

    [Fact]
    public void Constructor_DefaultsAreTorchAdamDefaults()
    {
        var adam = new Adam(parameterCount: 1);

        Assert.Equal(1e-3f, adam.LearningRate);
        Assert.Equal(0.9f, adam.Beta1);
        Assert.Equal(0.999f, adam.Beta2);
        Assert.Equal(1e-8f, adam.Epsilon);
        Assert.Equal(0f, adam.WeightDecay);
        Assert.False(adam.DecoupledWeightDecay);
    }

    [Fact]
    public void Step_FirstStepMovesEachParameterByTheLearningRate()
    {
        // After one step m/√v is ±1 once bias-corrected, so each parameter moves by lr against its
        // gradient's sign whatever the gradient's size (up to ε): Adam's scale invariance.
        var adam = new Adam(parameterCount: 3, learningRate: 0.1f);
        float[] parameters = [1f, 1f, 1f];

        adam.Step(parameters, [1e-3f, -5f, 200f]);

        Assert.Equal(0.9f, parameters[0], 1e-5f);
        Assert.Equal(1.1f, parameters[1], 1e-6f);
        Assert.Equal(0.9f, parameters[2], 1e-6f);
    }

    [Theory]
    [InlineData(-1e-3f, 0.9f, 0.999f, 1e-8f, 0f, "learningRate", "learningRate is -0.001")]
    [InlineData(1e-3f, 1f, 0.999f, 1e-8f, 0f, "beta1", "beta1 is 1; expected a value in [0, 1)")]
    [InlineData(1e-3f, -0.1f, 0.999f, 1e-8f, 0f, "beta1", "beta1 is -0.1")]
    [InlineData(1e-3f, 0.9f, float.NaN, 1e-8f, 0f, "beta2", "beta2 is NaN")]
    [InlineData(1e-3f, 0.9f, 0.999f, -1e-8f, 0f, "epsilon", "epsilon is -1E-08")]
    [InlineData(1e-3f, 0.9f, 0.999f, 1e-8f, -0.01f, "weightDecay", "weightDecay is -0.01")]
    public void Constructor_RejectsInvalidHyperparameters(float learningRate, float beta1, float beta2, float epsilon, float weightDecay,
        string argument, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new Adam(10, learningRate, beta1, beta2, epsilon, weightDecay));

        Assert.Equal(argument, error.ParamName);
        Assert.Contains(message, error.Message);
        Assert.StartsWith("Adam: ", error.Message);
    }

    [Fact]
    public void Step_RejectsBuffersOfTheWrongLength()
    {
        var adam = new Adam(parameterCount: 3);

        var error = Assert.Throws<ArgumentException>(() => adam.Step(new float[3], new float[4]));

        Assert.Equal("gradients", error.ParamName);
        Assert.Contains("Adam.Step: 'gradients' has 4 values; expected 3", error.Message);
        Assert.Equal(0, adam.StepCount);
    }

    [Fact]
    public void Step_WithoutModel_ExplainsWhichStepToCall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Adam(parameterCount: 3).Step());

        Assert.StartsWith("Adam.Step(): this optimizer was constructed for raw buffers", error.Message);
    }

    [Fact]
    public void RestoreState_RejectsWrongMomentLengths()
    {
        var adam = new Adam(parameterCount: 3);

        var first = Assert.Throws<ArgumentException>(() => adam.RestoreState(new float[4], new float[3], 2));
        var second = Assert.Throws<ArgumentException>(() => adam.RestoreState(new float[3], new float[0], 2));

        Assert.Equal("firstMoment", first.ParamName);
        Assert.Equal("secondMoment", second.ParamName);
        Assert.Contains("'secondMoment' has 0 values; this optimizer's secondMoment has 3", second.Message);
        Assert.Equal(0, adam.StepCount);
    }
}
