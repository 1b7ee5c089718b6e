using System.Numerics;
using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>What every optimizer must do, whatever its rule, in both precisions.</summary>
public class OptimizerBehaviourTests
{
    public static TheoryData<string, string> KindsAndPrecisions => OptimizerKinds.NamesAndPrecisions;

    /// <summary>Runs the generic check for the precision named.</summary>
    private static void In(string precision, Action<float> single, Action<double> twice)
    {
        if (precision == "float")
            single(0);
        else
            twice(0);
    }

    public static TheoryData<string> FixtureCases => OptimizerFixtures.Names();

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Reset_StartsOverLikeANewOptimizer(string name)
    {
        OptimizerCase fixture = OptimizerFixtures.Case(name);
        IOptimizer<float> optimizer = fixture.Create<float>();
        OptimizerFixtures.Replay(fixture, optimizer, fixture.Initial<float>());
        foreach (OptimizerGroup group in optimizer.Groups)
            group.LearningRate = 123;

        optimizer.Reset();

        Assert.Equal(0, optimizer.StepCount);
        Assert.All(optimizer.Groups, group => Assert.Equal(group.InitialLearningRate, group.LearningRate));
        OptimizerFixtures.Replay(fixture, optimizer, fixture.Initial<float>());
    }

    [Theory]
    [MemberData(nameof(KindsAndPrecisions))]
    public void Step_WithModel_UpdatesTheModelsParametersAsTheRawForm(string kind, string precision)
        => In(precision, _ => WithModel<float>(kind), _ => WithModel<double>(kind));

    private static void WithModel<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = TensorTestModel<T>.Mlp();
        T[] parameters = model.Parameters.ToArray();
        IOptimizer<T> optimizer = OptimizerKinds.ForModel(kind, model);
        IOptimizer<T> raw = OptimizerKinds.ForBuffer<T>(kind, parameters.Length);

        for (int step = 0; step < 3; step++)
        {
            optimizer.Step();
            raw.Step(parameters, model.Gradients);
        }

        Assert.Equal(parameters, model.Parameters.ToArray());
        Assert.NotEqual(TensorTestModel<T>.Mlp().Parameters.ToArray(), parameters);
        Assert.Equal(3, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(KindsAndPrecisions))]
    public void Step_WithGroupsAndClipping_AllocatesNothing(string kind, string precision)
        => In(precision, _ => AllocatesNothing<float>(kind), _ => AllocatesNothing<double>(kind));

    private static void AllocatesNothing<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = TensorTestModel<T>.Mlp();
        T[] gradients = model.Gradients.ToArray();
        IOptimizer<T> optimizer = OptimizerKinds.ForModel(kind, model, groups: true);
        Assert.Equal(2, optimizer.Groups.Count);
        int steps = 0;

        Allocations.AssertNone(() =>
        {
            gradients.CopyTo(model.Gradients);
            GradientClipping.ClipByNorm(model, maxNorm: 0.5);
            GradientClipping.ClipByValue(model, clipValue: 0.05);
            optimizer.Step();
            steps++;
        });

        Assert.Equal(steps, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(KindsAndPrecisions))]
    public void Step_GivesTheSameUpdateAtEveryPosition(string kind, string precision)
        => In(precision, _ => SameEverywhere<float>(kind), _ => SameEverywhere<double>(kind));

    private static void SameEverywhere<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Values in the last, partial vector block go through the same rule as full blocks, so equal
        // inputs give bitwise equal outputs at every position and for every buffer length.
        T expected = T.NaN;
        for (int count = 0; count <= 19; count++)
        {
            IOptimizer<T> optimizer = OptimizerKinds.ForBuffer<T>(kind, count);
            T[] parameters = Enumerable.Repeat(T.CreateTruncating(0.75), count).ToArray();
            T[] gradients = Enumerable.Repeat(T.CreateTruncating(-0.3), count).ToArray();
            for (int s = 0; s < 3; s++)
                optimizer.Step(parameters, gradients);
            if (count > 0 && T.IsNaN(expected))
                expected = parameters[0];
            Assert.All(parameters, value => Assert.Equal(expected, value));
        }
        Assert.NotEqual(T.CreateTruncating(0.75), expected);
    }

    [Theory]
    [MemberData(nameof(KindsAndPrecisions))]
    public void Step_WithNonFiniteGradients_StillUpdatesEveryOtherParameter(string kind, string precision)
        => In(precision, _ => NonFinite<float>(kind), _ => NonFinite<double>(kind));

    private static void NonFinite<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int count = 37;
        T[] finite = Enumerable.Range(0, count).Select(i => T.CreateTruncating(0.1 * (i % 7) - 0.3)).ToArray();
        T[] broken = (T[])finite.Clone();
        broken[3] = T.NaN;
        broken[35] = T.PositiveInfinity;
        T[] expected = Enumerable.Range(0, count).Select(i => T.CreateTruncating(1 - 0.05 * i)).ToArray();
        T[] actual = (T[])expected.Clone();
        IOptimizer<T> reference = OptimizerKinds.ForBuffer<T>(kind, count);
        IOptimizer<T> optimizer = OptimizerKinds.ForBuffer<T>(kind, count);

        for (int s = 0; s < 2; s++)
        {
            reference.Step(expected, finite);
            optimizer.Step(actual, broken);
        }

        for (int i = 0; i < count; i++)
        {
            if (i is 3 or 35)
                Assert.False(T.IsFinite(actual[i]), $"parameter {i} has a non-finite gradient but is {actual[i]}");
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
        IOptimizer<float> optimizer = OptimizerKinds.ForModel(kind, model);

        float first = model.TrainStep(inputs, labels);
        optimizer.Step();
        float last = first;
        for (int step = 0; step < 100; step++)
        {
            last = model.TrainStep(inputs, labels);
            optimizer.Step();
        }

        Assert.Equal(MathF.Log(3), first, 1e-6f);
        Assert.True(last < 0.5f * first, $"{kind}: loss went from {first} to {last}; expected it to halve");
    }

    public static TheoryData<string> Kinds => OptimizerKinds.Names;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_RejectsBuffersOfTheWrongLength(string kind)
    {
        IOptimizer<float> optimizer = OptimizerKinds.ForBuffer<float>(kind, 3);

        var parameters = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[4], new float[3]));
        var gradients = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[3], new float[2]));

        Assert.Equal("parameters", parameters.ParamName);
        Assert.Contains($"{optimizer.Name}.Step: 'parameters' has 4 values; this optimizer was constructed for 3", parameters.Message);
        Assert.Equal("gradients", gradients.ParamName);
        Assert.Contains("'gradients' has 2 values; expected 3", gradients.Message);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_WithoutModel_ExplainsWhichStepToCall(string kind)
    {
        IOptimizer<float> optimizer = OptimizerKinds.ForBuffer<float>(kind, 3);

        var error = Assert.Throws<InvalidOperationException>(optimizer.Step);

        Assert.StartsWith($"{optimizer.Name}.Step(): this optimizer was constructed for raw buffers", error.Message);
        Assert.Contains("Step(parameters, gradients)", error.Message);
    }

    [Fact]
    public void LearningRate_SetBetweenSteps_AppliesToTheNextStepOfEveryGroup()
    {
        var model = TensorTestModel<float>.Mlp();
        model.Gradients.Fill(2f);
        model.Parameters.Fill(1f);
        var options = new SgdOptions { LearningRate = 0.5 };
        var sgd = new Sgd<float>(model, options, ParameterGroup.NoDecay(options with { LearningRate = 0.1 }));

        sgd.LearningRate = 0.25;
        sgd.Step();

        Assert.Equal(0.25, sgd.LearningRate);
        Assert.All(sgd.Groups, group => Assert.Equal(0.25, group.LearningRate));
        Assert.All(model.Parameters.ToArray(), value => Assert.Equal(0.5f, value));
    }

    [Fact]
    public void LearningRate_RejectsNegativeValues_NamingTheGroup()
    {
        var sgd = new Sgd<float>(3, new SgdOptions { LearningRate = 0.1 });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);
        var group = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Groups[0].LearningRate = double.NaN);

        Assert.Contains("Sgd: LearningRate is -1; expected a finite value of at least 0", error.Message);
        Assert.Contains("Sgd: LearningRate is NaN", group.Message);
        Assert.Equal(0.1, sgd.LearningRate);
    }

    [Fact]
    public void Momentum_IsSettableWhereTheOptimizerHasOne()
    {
        var sgd = new Sgd<double>(3, new SgdOptions { Momentum = 0.9 });
        var plain = new Sgd<double>(3, new SgdOptions());
        var adam = new Adam<double>(3, new AdamOptions());
        var adagrad = new Adagrad<double>(3, new AdagradOptions());

        sgd.Groups[0].Momentum = 0.5;
        adam.Groups[0].Momentum = 0.8;

        Assert.Equal(0.5, sgd.Groups[0].Momentum);
        Assert.Equal(0.8, adam.Groups[0].Momentum);
        Assert.False(plain.Groups[0].HasMomentum);
        Assert.False(adagrad.Groups[0].HasMomentum);
        var none = Assert.Throws<InvalidOperationException>(() => plain.Groups[0].Momentum = 0.9);
        Assert.Contains("Sgd: has no momentum to set. SGD and RMSProp keep one only when constructed with a momentum above 0", none.Message);
        Assert.Throws<InvalidOperationException>(() => adagrad.Groups[0].Momentum = 0.9);
        var beta = Assert.Throws<ArgumentOutOfRangeException>(() => adam.Groups[0].Momentum = 1);
        Assert.Contains("Adam: Beta1 is 1; expected a value in [0, 1)", beta.Message);
    }

    [Fact]
    public void Momentum_SetBetweenSteps_IsWhatTheNextStepUses()
    {
        // SGD with momentum 0.9 changed to 0.5 after the first step steps as if constructed with 0.5
        // from then on: b = 0.5·b + g.
        var sgd = new Sgd<double>(1, new SgdOptions { LearningRate = 1, Momentum = 0.9 });
        double[] parameter = [0];

        sgd.Step(parameter, [1.0]);
        sgd.Groups[0].Momentum = 0.5;
        sgd.Step(parameter, [1.0]);

        Assert.Equal(-(1 + 1.5), parameter[0]);
    }

    [Fact]
    public void Constructor_DefaultsArePyTorchs()
    {
        Assert.Equal((1e-3, 0.0, 0.0, false), (new SgdOptions().LearningRate, new SgdOptions().Momentum, new SgdOptions().Dampening, new SgdOptions().Nesterov));
        var adam = new AdamOptions();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, false, 0.0, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.Amsgrad, adam.WeightDecay, adam.DecoupledWeightDecay));
        var rmsprop = new RmsPropOptions();
        Assert.Equal((1e-2, 0.99, 1e-8, 0.0, false), (rmsprop.LearningRate, rmsprop.Alpha, rmsprop.Epsilon, rmsprop.Momentum, rmsprop.Centered));
        var adagrad = new AdagradOptions();
        Assert.Equal((1e-2, 0.0, 0.0, 1e-10), (adagrad.LearningRate, adagrad.LearningRateDecay, adagrad.InitialAccumulatorValue, adagrad.Epsilon));
        var adadelta = new AdadeltaOptions();
        Assert.Equal((1.0, 0.9, 1e-6), (adadelta.LearningRate, adadelta.Rho, adadelta.Epsilon));
        var nadam = new NAdamOptions();
        Assert.Equal((2e-3, 0.9, 0.999, 1e-8, 4e-3), (nadam.LearningRate, nadam.Beta1, nadam.Beta2, nadam.Epsilon, nadam.MomentumDecay));
        var radam = new RAdamOptions();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8), (radam.LearningRate, radam.Beta1, radam.Beta2, radam.Epsilon));
    }

    public static TheoryData<string, string> InvalidOptions => new()
    {
        { "sgd lr", "Sgd: LearningRate is -0.1; expected a finite value of at least 0." },
        { "sgd momentum", "Sgd: Momentum is -0.9; expected a finite value of at least 0." },
        { "sgd dampening", "Sgd: Dampening is Infinity; expected a finite value." },
        { "sgd nesterov", "Sgd: Nesterov momentum needs Momentum > 0 and Dampening 0 (as torch.optim.SGD); got Momentum 0.9 and Dampening 0.1." },
        { "sgd l1", "Sgd: L1 is -0.001; expected a finite value of at least 0." },
        { "adam beta1", "Adam: Beta1 is 1; expected a value in [0, 1)." },
        { "adam beta2", "Adam: Beta2 is NaN; expected a value in [0, 1)." },
        { "adam eps", "Adam: Epsilon is -1E-08; expected a finite value of at least 0." },
        { "adam wd", "Adam: WeightDecay is -0.01; expected a finite value of at least 0." },
        { "rmsprop alpha", "RmsProp: Alpha is -0.5; expected a finite value of at least 0." },
        { "adagrad initial", "Adagrad: InitialAccumulatorValue is -1; expected a finite value of at least 0." },
        { "adadelta rho", "Adadelta: Rho is 1.5; expected a value in [0, 1]." },
        { "nadam decay", "NAdam: MomentumDecay is -0.004; expected a finite value of at least 0." },
        { "radam beta1", "RAdam: Beta1 is -0.1; expected a value in [0, 1)." },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_RejectsInvalidOptions_NamingOptimizerOptionAndValue(string what, string message)
    {
        Action construct = what switch
        {
            "sgd lr" => () => _ = new Sgd<float>(10, new SgdOptions { LearningRate = -0.1 }),
            "sgd momentum" => () => _ = new Sgd<float>(10, new SgdOptions { Momentum = -0.9 }),
            "sgd dampening" => () => _ = new Sgd<float>(10, new SgdOptions { Dampening = double.PositiveInfinity }),
            "sgd nesterov" => () => _ = new Sgd<float>(10, new SgdOptions { Momentum = 0.9, Dampening = 0.1, Nesterov = true }),
            "sgd l1" => () => _ = new Sgd<float>(10, new SgdOptions { L1 = -0.001 }),
            "adam beta1" => () => _ = new Adam<float>(10, new AdamOptions { Beta1 = 1 }),
            "adam beta2" => () => _ = new Adam<double>(10, new AdamOptions { Beta2 = double.NaN }),
            "adam eps" => () => _ = new Adam<float>(10, new AdamOptions { Epsilon = -1e-8 }),
            "adam wd" => () => _ = new Adam<float>(10, new AdamOptions { WeightDecay = -0.01 }),
            "rmsprop alpha" => () => _ = new RmsProp<float>(10, new RmsPropOptions { Alpha = -0.5 }),
            "adagrad initial" => () => _ = new Adagrad<float>(10, new AdagradOptions { InitialAccumulatorValue = -1 }),
            "adadelta rho" => () => _ = new Adadelta<float>(10, new AdadeltaOptions { Rho = 1.5 }),
            "nadam decay" => () => _ = new NAdam<double>(10, new NAdamOptions { MomentumDecay = -4e-3 }),
            "radam beta1" => () => _ = new RAdam<float>(10, new RAdamOptions { Beta1 = -0.1 }),
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, "unknown case"),
        };

        var error = Assert.ThrowsAny<ArgumentException>(construct);

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Constructor_RejectsANegativeParameterCountAndNulls()
    {
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(-1, new AdamOptions()));
        Assert.Contains("Adam: parameterCount is -1", count.Message);
        Assert.Throws<ArgumentNullException>(() => new Sgd<float>((IModel<float>)null!, new SgdOptions()));
        Assert.Throws<ArgumentNullException>(() => new Sgd<float>(3, null!));
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
    public void Sgd_RoundsTheUpdateOnce_WhereRoundingTwiceWouldDiffer(float parameter, float gradient, float learningRate)
    {
        // Without an FMA instruction the vector path must still give the fused result. 19 values:
        // whole vectors and a tail.
        float fused = MathF.FusedMultiplyAdd(gradient, -learningRate, parameter);
        Assert.NotEqual(fused, (float)(gradient * (double)-learningRate + parameter));
        float[] parameters = Enumerable.Repeat(parameter, 19).ToArray();

        new Sgd<float>(parameters.Length, new SgdOptions { LearningRate = learningRate }).Step(parameters, Enumerable.Repeat(gradient, 19).ToArray());

        Assert.All(parameters, value => Assert.Equal(fused, value));
    }

    [Fact]
    public void Sgd_IsOneFusedMultiplyAddPerValue_AtEveryMagnitude_InFloat()
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

            new Sgd<float>(actual.Length, new SgdOptions { LearningRate = learningRate }).Step(actual, gradients);

            for (int i = 0; i < actual.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"lr {learningRate:R}, value {i}: p = {parameters[i]:R}, g = {gradients[i]:R} gave {actual[i]:R}, fused {expected[i]:R}.");
            }
        }
    }

    [Fact]
    public void Sgd_IsOneFusedMultiplyAddPerValue_InDouble()
    {
        var random = new Random(23);
        double[] parameters = Enumerable.Range(0, 1027).Select(_ => Math.ScaleB(random.NextDouble() - 0.5, random.Next(-1070, 1000))).ToArray();
        double[] gradients = Enumerable.Range(0, 1027).Select(_ => Math.ScaleB(random.NextDouble() - 0.5, random.Next(-1070, 1000))).ToArray();
        const double learningRate = 0.37;
        double[] expected = parameters.Select((p, i) => Math.FusedMultiplyAdd(gradients[i], -learningRate, p)).ToArray();

        new Sgd<double>(parameters.Length, new SgdOptions { LearningRate = learningRate }).Step(parameters, gradients);

        for (int i = 0; i < parameters.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(parameters[i]), $"value {i}: {parameters[i]:R}, fused {expected[i]:R}.");
    }

    /// <summary>A float with a random sign, significand and exponent, from subnormal to near the largest.</summary>
    private static float RandomMagnitude(Random random)
    {
        float significand = 1 + random.NextSingle();
        float value = MathF.ScaleB(significand, random.Next(-150, 120));
        return random.Next(2) == 0 ? value : -value;
    }
}
