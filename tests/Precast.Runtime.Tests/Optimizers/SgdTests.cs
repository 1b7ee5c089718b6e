using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

public class SgdTests
{
    public static TheoryData<string> Cases => OptimizerFixtures.Names("sgd");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_MatchesTorchSgdAfterEveryStep(string name)
    {
        OptimizerCase fixture = OptimizerFixtures.Case(name);
        float[] parameters = fixture.Initial();
        Sgd sgd = OptimizerFixtures.CreateSgd(fixture);

        OptimizerFixtures.Replay(fixture, sgd.Step, parameters);

        Assert.Equal(fixture.Steps, sgd.StepCount);
        OptimizerFixtures.AssertClose(fixture.State("momentum_buffer"), sgd.MomentumBuffer, $"{name}, momentum buffer");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RestoreState_ResumesTheTorchTrajectory(string name)
    {
        OptimizerCase fixture = OptimizerFixtures.Case(name);
        float[] parameters = fixture.Initial();
        Sgd before = OptimizerFixtures.CreateSgd(fixture);
        before.Step(parameters, fixture.Gradients(0));
        before.Step(parameters, fixture.Gradients(1));

        Sgd after = OptimizerFixtures.CreateSgd(fixture);
        after.RestoreState(before.MomentumBuffer, before.StepCount);

        Assert.Equal(2, after.StepCount);
        OptimizerFixtures.Replay(fixture, after.Step, parameters, from: 2);
    }

    /// <summary>
    /// Parameter, gradient and learning rate whose update <c>p − lr·g</c> lies just below the point
    /// halfway between two floats. PyTorch's fused update rounds it once, to the lower float; a sum
    /// rounded to double first lands on the halfway point and then rounds to even, the upper one.
    /// </summary>
    public static TheoryData<float, float, float> HalfwayCases => new()
    {
        // 1 + 3·2^-24 − 2^-54, between the floats 1 + 2^-23 and 1 + 2^-22.
        { 1 + MathF.ScaleB(1, -23), -(1 + MathF.ScaleB(1, -15)), (1 - MathF.ScaleB(1, -15)) * MathF.ScaleB(1, -24) },
        // 2^-127 + 3·2^-150 − 2^-182, below the normal range, where the floats are 2^-149 apart.
        { MathF.ScaleB(1, -127) + MathF.ScaleB(1, -149), -(1 + MathF.ScaleB(1, -16)) * MathF.ScaleB(1, -25), (1 - MathF.ScaleB(1, -16)) * MathF.ScaleB(1, -125) },
    };

    [Theory]
    [MemberData(nameof(HalfwayCases))]
    public void Step_RoundsTheUpdateOnce_WhereRoundingTwiceWouldDiffer(float parameter, float gradient, float learningRate)
    {
        // Without an FMA instruction the vector path must still give the fused result. 19 values:
        // whole vectors and a tail.
        float fused = MathF.FusedMultiplyAdd(gradient, -learningRate, parameter);
        Assert.NotEqual(fused, (float)(gradient * (double)-learningRate + parameter));
        float[] parameters = Enumerable.Repeat(parameter, 19).ToArray();

        new Sgd(parameters.Length, learningRate).Step(parameters, Enumerable.Repeat(gradient, 19).ToArray());

        Assert.All(parameters, value => Assert.Equal(fused, value));
    }

    [Fact]
    public void Step_IsOneFusedMultiplyAddPerValue_AtEveryMagnitude()
    {
        // Plain SGD is p + (−lr)·g rounded once. Values from subnormal to huge, zeros of both signs and
        // infinities, so every rounding path of the vector code (including its fallbacks) is compared
        // bit for bit with the C library's fused multiply-add.
        var random = new Random(17);
        float[] special = [0f, -0f, float.Epsilon, -float.Epsilon, MathF.ScaleB(1, -126), float.MaxValue, float.PositiveInfinity];
        float[] parameters = new float[4099];
        float[] gradients = new float[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = i < special.Length ? special[i] : RandomMagnitude(random);
            gradients[i] = i % 7 == 0 ? special[i / 7 % special.Length] : RandomMagnitude(random);
        }
        foreach (float learningRate in new[] { 0.37f, 3e-39f, 1e30f })
        {
            float[] expected = parameters.Select((p, i) => MathF.FusedMultiplyAdd(gradients[i], -learningRate, p)).ToArray();
            float[] actual = (float[])parameters.Clone();

            new Sgd(actual.Length, learningRate).Step(actual, gradients);

            for (int i = 0; i < actual.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"lr {learningRate:R}, value {i}: p = {parameters[i]:R}, g = {gradients[i]:R} gave {actual[i]:R}, fused {expected[i]:R}.");
        }
    }

    /// <summary>A float with a random sign, significand and exponent, from subnormal to near the largest.</summary>
    private static float RandomMagnitude(Random random)
    {
        float significand = 1 + random.NextSingle();
        float value = MathF.ScaleB(significand, random.Next(-150, 120));
        return random.Next(2) == 0 ? value : -value;
    }

    [Fact]
    public void LearningRate_SetBetweenSteps_AppliesToTheNextStep()
    {
        var sgd = new Sgd(parameterCount: 1, learningRate: 0.5f);
        float[] parameters = [1f];

        sgd.LearningRate = 0.25f;
        sgd.Step(parameters, [2f]);

        Assert.Equal(0.5f, parameters[0]);
    }

    [Fact]
    public void MomentumBuffer_IsEmptyWithoutMomentum()
    {
        Assert.True(new Sgd(parameterCount: 5, learningRate: 0.1f).MomentumBuffer.IsEmpty);
        Assert.Equal(5, new Sgd(parameterCount: 5, learningRate: 0.1f, momentum: 0.5f).MomentumBuffer.Length);
    }

    [Theory]
    [InlineData(-0.1f, 0f, 0f, 0f, false, "learningRate", "learningRate is -0.1")]
    [InlineData(float.NaN, 0f, 0f, 0f, false, "learningRate", "learningRate is NaN")]
    [InlineData(0.1f, -0.9f, 0f, 0f, false, "momentum", "momentum is -0.9")]
    [InlineData(0.1f, 0f, float.PositiveInfinity, 0f, false, "dampening", "expected a finite value")]
    [InlineData(0.1f, 0f, 0f, -0.01f, false, "weightDecay", "weightDecay is -0.01")]
    [InlineData(0.1f, 0f, 0f, 0f, true, "nesterov", "nesterov momentum needs momentum > 0 and dampening 0")]
    [InlineData(0.1f, 0.9f, 0.1f, 0f, true, "nesterov", "got momentum 0.9 and dampening 0.1")]
    public void Constructor_RejectsInvalidHyperparameters(float learningRate, float momentum, float dampening, float weightDecay,
        bool nesterov, string argument, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new Sgd(10, learningRate, momentum, dampening, weightDecay, nesterov));

        Assert.Equal(argument, error.ParamName);
        Assert.Contains(message, error.Message);
        Assert.StartsWith("Sgd: ", error.Message);
    }

    [Fact]
    public void Constructor_RejectsANegativeParameterCountAndANullModel()
    {
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-1, 0.1f));
        Assert.Contains("parameterCount is -1", count.Message);
        Assert.Throws<ArgumentNullException>(() => new Sgd(null!, 0.1f));
    }

    [Fact]
    public void LearningRate_RejectsNegativeValues()
    {
        var sgd = new Sgd(parameterCount: 3, learningRate: 0.1f);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1f);

        Assert.Contains("LearningRate is -1; expected a finite value of at least 0", error.Message);
        Assert.Equal(0.1f, sgd.LearningRate);
    }

    [Fact]
    public void Step_RejectsBuffersOfTheWrongLength()
    {
        var sgd = new Sgd(parameterCount: 3, learningRate: 0.1f);

        var parameters = Assert.Throws<ArgumentException>(() => sgd.Step(new float[4], new float[3]));
        var gradients = Assert.Throws<ArgumentException>(() => sgd.Step(new float[3], new float[2]));

        Assert.Equal("parameters", parameters.ParamName);
        Assert.Contains("'parameters' has 4 values; this optimizer was constructed for 3", parameters.Message);
        Assert.Equal("gradients", gradients.ParamName);
        Assert.Contains("'gradients' has 2 values; expected 3", gradients.Message);
        Assert.Equal(0, sgd.StepCount);
    }

    [Fact]
    public void Step_WithoutModel_ExplainsWhichStepToCall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Sgd(parameterCount: 3, learningRate: 0.1f).Step());

        Assert.Contains("constructed for raw buffers", error.Message);
        Assert.Contains("Step(parameters, gradients)", error.Message);
    }

    [Fact]
    public void RestoreState_RejectsAWrongBufferOrStepCount()
    {
        var sgd = new Sgd(parameterCount: 3, learningRate: 0.1f, momentum: 0.9f);

        var length = Assert.Throws<ArgumentException>(() => sgd.RestoreState(new float[2], 1));
        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.RestoreState(new float[3], -1));

        Assert.Contains("'momentumBuffer' has 2 values; this optimizer's momentumBuffer has 3", length.Message);
        Assert.Contains("stepCount is -1", steps.Message);
    }
}
