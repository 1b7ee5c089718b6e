using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

public class ParameterGroupTests
{
    [Theory]
    [InlineData("Hidden.weight", new[] { 6, 5 }, false)]
    [InlineData("Embedding.weight", new[] { 10, 4 }, false)]
    [InlineData("Stage.0.Conv1.weight", new[] { 8, 3, 3, 3 }, false)]
    [InlineData("Hidden.bias", new[] { 6 }, true)]
    [InlineData("Stage.0.Conv1.bias", new[] { 8 }, true)]
    [InlineData("LayerNorm1.weight", new[] { 6 }, true)]
    [InlineData("Blocks.2.BatchNorm.weight", new[] { 4, 1 }, true)]
    [InlineData("Blocks.2.ln_norm.scale", new[] { 2, 2 }, true)]
    [InlineData("Scale.gamma", new[] { 1 }, true)]
    [InlineData("weight", new[] { 2, 2 }, false)]
    public void IsBiasOrNormalization_PicksBiasesAndNormalizationParameters(string name, int[] shape, bool expected)
        => Assert.Equal(expected, ParameterGroup.IsBiasOrNormalization(new ParameterTensor(name, shape, 0)));

    [Fact]
    public void NoDecay_PutsBiasesAndNormalizationInAGroupWithoutPenalties()
    {
        var model = TensorTestModel<float>.Mlp();
        var options = new AdamOptions { LearningRate = 3e-4, WeightDecay = 0.1, DecoupledWeightDecay = true, L1 = 1e-5, Amsgrad = true };

        var adam = new Adam<float>(model, options, ParameterGroup.NoDecay(options));

        Assert.Equal(2, adam.Groups.Count);
        Assert.Equal(["Hidden.weight", "Output.weight"], adam.Groups[0].TensorNames);
        Assert.Equal(["Hidden.bias", "LayerNorm1.weight", "LayerNorm1.bias", "Output.bias"], adam.Groups[1].TensorNames);
        Assert.Equal(30 + 18, adam.Groups[0].ParameterCount);
        Assert.Equal(6 + 6 + 6 + 3, adam.Groups[1].ParameterCount);
        Assert.Same(options, adam.Groups[0].Options);
        Assert.Equal(options with { WeightDecay = 0, L1 = 0 }, adam.Groups[1].Options);
        Assert.Equal("Adam, group 1 (Hidden.bias, LayerNorm1.weight, LayerNorm1.bias and 1 more)", adam.Groups[1].Description);
    }

    [Fact]
    public void Groups_UpdateEachRangeAsASeparateOptimizerWouldItsOwnValues()
    {
        // Group 0 is [0, 30) and [48, 66) of the buffer, group 1 the rest: a grouped optimizer must give,
        // bit for bit, what two optimizers give on the gathered values of each group.
        var model = TensorTestModel<double>.Mlp();
        var options = new NAdamOptions { LearningRate = 0.01, WeightDecay = 0.1, Beta1 = 0.8 };
        var biases = options with { LearningRate = 0.05, WeightDecay = 0, MomentumDecay = 0.01 };
        var grouped = new NAdam<double>(model, options, ParameterGroup.Where(ParameterGroup.IsBiasOrNormalization, biases));
        int[] weights = [.. Enumerable.Range(0, 30), .. Enumerable.Range(48, 18)];
        int[] rest = [.. Enumerable.Range(0, model.Parameters.Length).Except(weights)];
        double[] weightValues = Gather(model.Parameters, weights), restValues = Gather(model.Parameters, rest);
        var first = new NAdam<double>(weights.Length, options);
        var second = new NAdam<double>(rest.Length, biases);

        for (int step = 0; step < 5; step++)
        {
            grouped.Step();
            first.Step(weightValues, Gather(model.Gradients, weights));
            second.Step(restValues, Gather(model.Gradients, rest));
        }

        Assert.Equal(weightValues, Gather(model.Parameters, weights));
        Assert.Equal(restValues, Gather(model.Parameters, rest));
    }

    private static double[] Gather(Span<double> values, int[] indices)
    {
        var gathered = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++)
            gathered[i] = values[indices[i]];
        return gathered;
    }

    [Fact]
    public void Named_SelectsTensorsByNameWithTheirOwnLearningRate()
    {
        var model = TensorTestModel<float>.Mlp();
        model.Gradients.Fill(1);
        float[] before = model.Parameters.ToArray();
        var options = new SgdOptions { LearningRate = 0.5 };

        var sgd = new Sgd<float>(model, options, ParameterGroup.Named(options with { LearningRate = 0 }, "Output.weight", "Output.bias"));
        sgd.Step();

        Assert.Equal(["Output.weight", "Output.bias"], sgd.Groups[1].TensorNames);
        for (int i = 0; i < before.Length; i++)
            Assert.Equal(i >= 48 ? before[i] : before[i] - 0.5f, model.Parameters[i]);
    }

    [Fact]
    public void Named_AnUnknownTensor_IsAnErrorListingTheTensors()
    {
        var model = TensorTestModel<float>.Mlp();
        var options = new SgdOptions();

        var error = Assert.Throws<ArgumentException>(() => new Sgd<float>(model, options, ParameterGroup.Named(options, "Output.wieght")));

        Assert.Equal("groups", error.ParamName);
        Assert.Contains("Sgd: parameter group 1 names tensor 'Output.wieght', which does not exist; the tensors are Hidden.weight, Hidden.bias", error.Message);
    }

    [Fact]
    public void ATensorInTwoGroups_IsAnError()
    {
        var model = TensorTestModel<float>.Mlp();
        var options = new SgdOptions();

        var error = Assert.Throws<ArgumentException>(() => new Sgd<float>(model, options,
            ParameterGroup.Named(options, "Hidden.bias"), ParameterGroup.NoDecay(options)));

        Assert.Contains("Sgd: tensor 'Hidden.bias' is selected by parameter groups 1 and 2; each tensor belongs to one group", error.Message);
    }

    [Fact]
    public void AGroupsOptions_AreCheckedNamingTheGroup()
    {
        var model = TensorTestModel<float>.Mlp();
        var options = new AdamOptions();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(model, options, ParameterGroup.Named(options with { Beta1 = 1 }, "Hidden.bias")));

        Assert.Equal("groups", error.ParamName);
        Assert.StartsWith("Adam, group 1 (Hidden.bias): Beta1 is 1; expected a value in [0, 1).", error.Message);
    }

    [Fact]
    public void ValuesNoTensorCovers_BelongToTheDefaultGroup()
    {
        ParameterTensor[] tensors = [new("a", [3], 2), new("b", [2], 7)];
        var options = new SgdOptions { LearningRate = 1 };
        var sgd = new Sgd<double>(10, tensors, options, ParameterGroup.Named(options with { LearningRate = 0 }, "a"));
        double[] parameters = new double[10];

        sgd.Step(parameters, Enumerable.Repeat(1.0, 10).ToArray());

        Assert.Equal([-1, -1, 0, 0, 0, -1, -1, -1, -1, -1], parameters);
        Assert.Equal(7, sgd.Groups[0].ParameterCount);
        Assert.Equal(["b"], sgd.Groups[0].TensorNames);
    }

    [Fact]
    public void TensorsOutsideTheBufferOrOverlapping_AreErrorsNamingThem()
    {
        var options = new SgdOptions();

        var outside = Assert.Throws<ArgumentException>(() => new Sgd<float>(4, [new ParameterTensor("w", [2, 3], 0)], options));
        var overlap = Assert.Throws<ArgumentException>(() => new Sgd<float>(10, [new ParameterTensor("w", [2, 3], 0), new ParameterTensor("b", [3], 4)], options));

        Assert.Contains("Sgd: tensor 'w' [2, 3] at offset 0 lies outside the parameter buffer of 4 values.", outside.Message);
        Assert.Contains("Sgd: tensors 'w' (offset 0, 6 values) and 'b' (offset 4) overlap.", overlap.Message);
    }

    [Fact]
    public void AGroupThatSelectsNothing_IsEmptyAndHarmless()
    {
        var model = new TensorTestModel<float>(("Only.weight", [4, 4]));
        var options = new RmsPropOptions { WeightDecay = 0.1 };
        var rmsprop = new RmsProp<float>(model, options, ParameterGroup.NoDecay(options));
        var plain = new RmsProp<float>(16, options);
        float[] parameters = model.Parameters.ToArray();

        rmsprop.Step();
        plain.Step(parameters, model.Gradients);

        Assert.Equal(0, rmsprop.Groups[1].ParameterCount);
        Assert.Equal("RmsProp, group 1 (no named tensors)", rmsprop.Groups[1].Description);
        Assert.Equal(parameters, model.Parameters.ToArray());
    }
}
