using Precast.Models.Tests.Models;

namespace Precast.Models.Tests;

/// <summary>The public API of generated models: argument checks, modes, prediction, determinism, summary.</summary>
public sealed class ModelBehaviourTests
{
    private static float[] Inputs(int samples, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, samples * SmallClassifier.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
    }

    [Fact]
    public void ForwardRejectsAPartialSample()
    {
        var model = new SmallClassifier(maxBatch: 4);
        var error = Assert.Throws<ArgumentException>(() => model.Forward(new float[17]));
        Assert.Equal("inputs", error.ParamName);
        Assert.StartsWith("SmallClassifier.Forward: 'inputs' has 17 values, which is not a whole number of samples of 16 values (shape [1, 4, 4])", error.Message);
    }

    [Fact]
    public void TrainStepRejectsMoreSamplesThanMaxBatch()
    {
        var model = new SmallClassifier(maxBatch: 4);
        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(Inputs(5), new int[5]));
        Assert.StartsWith("SmallClassifier.TrainStep: 'inputs' holds 5 samples, but the model was constructed with maxBatch 4", error.Message);
    }

    [Fact]
    public void TrainStepRejectsTheWrongNumberOfLabels()
    {
        var model = new SmallClassifier(maxBatch: 4);
        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(Inputs(2), new int[3]));
        Assert.StartsWith("SmallClassifier.TrainStep: 'labels' has 3 values; expected 2 (one per sample, 2 samples).", error.Message);
    }

    [Fact]
    public void TrainStepRejectsALabelOutOfRange()
    {
        var model = new SmallClassifier(maxBatch: 4);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainStep(Inputs(2), [0, 3]));
        Assert.Contains("labels[1] is 3; expected a class index in [0, 3)", error.Message);
    }

    [Fact]
    public void ConstructorRejectsANonPositiveMaxBatch()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallClassifier(maxBatch: 0));
        Assert.Contains("SmallClassifier: maxBatch must be at least 1", error.Message);
    }

    [Fact]
    public void LossAndBackwardNeedAForwardPassFirst()
    {
        var model = new SmallClassifier(maxBatch: 4);
        Assert.Equal("SmallClassifier.ComputeLoss: there are no outputs to compute a loss of; call Forward first.",
            Assert.Throws<InvalidOperationException>(() => model.ComputeLoss([0])).Message);
        Assert.Equal("SmallClassifier.Backward: there is no forward pass to back-propagate; call Forward first (TrainStep and Predict keep nothing to back-propagate).",
            Assert.Throws<InvalidOperationException>(() => model.Backward()).Message);
        model.Forward(Inputs(1));
        Assert.Equal("SmallClassifier.Backward: there is no output gradient to propagate; call ComputeLoss after Forward, or pass your own output gradient to Backward(outputGradient).",
            Assert.Throws<InvalidOperationException>(() => model.Backward()).Message);
        model.ComputeLoss([2]);
        model.Backward();

        // TrainStep keeps no copy of its inputs, so nothing it did can be back-propagated again.
        model.TrainStep(Inputs(2), [0, 1]);
        Assert.Contains("call Forward first", Assert.Throws<InvalidOperationException>(() => model.ComputeLoss([0, 1])).Message);
    }

    [Theory]
    [InlineData("TrainStep")]
    [InlineData("Predict")]
    [InlineData("PredictClasses")]
    public void BackwardAfterACallThatKeepsNothingThrowsInsteadOfDoingNothing(string call)
    {
        // Forward and ComputeLoss, then a call that runs its own pass over other inputs: the stored
        // output gradient no longer belongs to what the buffers hold, so Backward() must refuse.
        var model = new SmallClassifier(maxBatch: 4, seed: 2);
        model.Forward(Inputs(2));
        model.ComputeLoss([0, 1]);
        switch (call)
        {
            case "TrainStep": model.TrainStep(Inputs(2, seed: 3), [1, 2]); break;
            case "Predict": model.Predict(Inputs(2, seed: 3), new float[6]); break;
            default: model.PredictClasses(Inputs(2, seed: 3), new int[2]); break;
        }
        model.ZeroGradients();
        var error = Assert.Throws<InvalidOperationException>(() => model.Backward());
        Assert.Equal("SmallClassifier.Backward: there is no forward pass to back-propagate; call Forward first (TrainStep and Predict keep nothing to back-propagate).", error.Message);
        Assert.All(model.Gradients.ToArray(), g => Assert.Equal(0, g));
    }

    [Fact]
    public void AForwardPassIsBackPropagatedOnce()
    {
        // The backward pass reuses memory its forward pass no longer needs, as PyTorch frees the
        // graph: a second Backward would read overwritten activations, so it throws.
        var model = new SmallClassifier(maxBatch: 4, seed: 2) { IsTraining = false };
        float[] inputs = Inputs(2);
        float[] outputs = model.Forward(inputs).ToArray();
        model.ComputeLoss([0, 1]);
        model.Backward();
        Assert.Equal(
            "SmallClassifier.Backward: the latest Forward has already been back-propagated, and the backward pass reused the memory it needed; call Forward again (and ComputeLoss) before another Backward.",
            Assert.Throws<InvalidOperationException>(() => model.Backward(new float[6])).Message);
        Assert.Throws<InvalidOperationException>(() => model.Backward());
        // The outputs are kept, so the loss can still be read.
        Assert.Equal(outputs, model.Forward(inputs).ToArray());
    }

    [Fact]
    public void PredictIsTheSoftmaxOfTheInferenceOutputs()
    {
        var model = new SmallClassifier(maxBatch: 4, seed: 3) { IsTraining = false };
        float[] inputs = Inputs(3);
        float[] logits = model.Forward(inputs).ToArray();
        var probabilities = new float[3 * SmallClassifier.OutputSize];
        model.Predict(inputs, probabilities);

        for (int n = 0; n < 3; n++)
        {
            var row = logits.AsSpan(n * 3, 3);
            double max = row.ToArray().Max();
            double sum = row.ToArray().Sum(v => Math.Exp(v - max));
            for (int c = 0; c < 3; c++)
                Assert.Equal(Math.Exp(row[c] - max) / sum, probabilities[n * 3 + c], 6);
            Assert.Equal(Array.IndexOf(row.ToArray(), (float)max), model.PredictClass(inputs.AsSpan(n * 16, 16)));
        }
        var classes = new int[3];
        model.PredictClasses(inputs, classes);
        Assert.Equal(Enumerable.Range(0, 3).Select(n => model.PredictClass(inputs.AsSpan(n * 16, 16))), classes);
    }

    [Fact]
    public void PredictAlwaysInfersAndTrainStepAlwaysTrains()
    {
        var model = new SmallClassifier(maxBatch: 4, seed: 3) { IsTraining = true };
        float[] inputs = Inputs(4);
        var first = new float[12];
        var second = new float[12];
        model.Predict(inputs, first);
        model.Predict(inputs, second);
        Assert.Equal(first, second); // no dropout, though IsTraining is true

        model.IsTraining = false;
        var lossesInTraining = Enumerable.Range(0, 5).Select(_ => model.TrainStep(inputs, [0, 1, 2, 0])).ToArray();
        Assert.True(lossesInTraining.Distinct().Count() > 1, "TrainStep should draw a new dropout mask each time, even when IsTraining is false");
        Assert.False(model.IsTraining);
    }

    [Fact]
    public void PredictAppliesTheSigmoidForBinaryCrossEntropy()
    {
        var model = new TwoLabels(maxBatch: 2, seed: 1);
        float[] inputs = [0.5f, -1, 2, 0.25f, 1, 1, -1, 0];
        float[] logits = model.Forward(inputs).ToArray();
        var probabilities = new float[4];
        model.Predict(inputs, probabilities);
        for (int i = 0; i < 4; i++)
            Assert.Equal(1 / (1 + Math.Exp(-logits[i])), probabilities[i], 6);
    }

    [Fact]
    public void AModelWithoutALossBackPropagatesAGivenOutputGradient()
    {
        var model = new NoLoss(maxBatch: 1, seed: 2);
        Assert.IsNotAssignableFrom<ITrainable<float, float>>(model);
        float[] outputs = model.Forward([1, 2, 3]).ToArray();
        model.Backward([1, 0]);
        // d tanh(z0)/d b0 = 1 − y0²
        Assert.Equal(1 - outputs[0] * outputs[0], model.Dense1BiasGradient[0], 6);
        Assert.Equal(0, model.Dense1BiasGradient[1]);
    }

    [Fact]
    public void DropoutZeroesAtItsRateAndScalesTheRest()
    {
        var model = new DropoutOnly(maxBatch: 10, seed: 5);
        double[] inputs = Enumerable.Range(1, 10 * 1000).Select(i => 1.0 + i % 7).ToArray();
        double[] outputs = model.Forward(inputs).ToArray();
        double[] mask = outputs.Select((y, i) => y / inputs[i]).ToArray();

        Assert.All(mask, m => Assert.True(m == 0 || Math.Abs(m - 1 / 0.7) < 1e-12, $"mask value {m}"));
        double dropped = mask.Count(m => m == 0) / (double)mask.Length;
        Assert.InRange(dropped, 0.28, 0.32);

        // Backward multiplies by the same mask.
        double[] outputGradient = Enumerable.Range(0, mask.Length).Select(i => (double)(i % 5 - 2)).ToArray();
        model.Backward(outputGradient);
        double[] inputGradient = model.InputGradient.ToArray();
        for (int i = 0; i < mask.Length; i++)
            Assert.Equal(outputGradient[i] * mask[i], inputGradient[i]);
    }

    [Fact]
    public void DropoutIsTheIdentityInInferenceMode()
    {
        var model = new DropoutOnly(maxBatch: 1) { IsTraining = false };
        double[] inputs = Enumerable.Range(0, 1000).Select(i => (double)i).ToArray();
        Assert.Equal(inputs, model.Forward(inputs).ToArray());
        double[] gradient = Enumerable.Range(0, 1000).Select(i => -(double)i).ToArray();
        model.Backward(gradient);
        Assert.Equal(gradient, model.InputGradient.ToArray());
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelAndADifferentSeedAnotherOne()
    {
        float[] a = new SmallClassifier(maxBatch: 2, seed: 42).Parameters.ToArray();
        float[] b = new SmallClassifier(maxBatch: 2, seed: 42).Parameters.ToArray();
        float[] c = new SmallClassifier(maxBatch: 2, seed: 43).Parameters.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void WeightsStartWithTheirInitializerAndBiasesAtZero()
    {
        var model = new SmallClassifier(maxBatch: 1, seed: 9);
        // Hidden feeds a ReLU: He uniform, bound sqrt(6 / 16). Output: Glorot uniform, bound sqrt(6 / (8 + 3)).
        Assert.All(model.HiddenWeight.ToArray(), w => Assert.InRange(w, -MathF.Sqrt(6f / 16), MathF.Sqrt(6f / 16)));
        Assert.All(model.OutputWeight.ToArray(), w => Assert.InRange(w, -MathF.Sqrt(6f / 11), MathF.Sqrt(6f / 11)));
        Assert.All(model.HiddenBias.ToArray(), b => Assert.Equal(0, b));
        Assert.All(model.OutputBias.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void ParameterTensorsDescribeTheFlatBuffer()
    {
        var model = new SmallClassifier(maxBatch: 1);
        Assert.Equal(
            ["Hidden.weight [8, 16] @0", "Hidden.bias [8] @128", "Output.weight [3, 8] @136", "Output.bias [3] @160"],
            model.ParameterTensors.Select(t => $"{t.Name} {t.ShapeText} @{t.Offset}"));
        Assert.Equal(SmallClassifier.ParameterCount, model.Parameters.Length);
        Assert.Equal(163, SmallClassifier.ParameterCount);

        model.HiddenBias[2] = 7;
        Assert.Equal(7, model.Parameters[130]);
    }

    [Fact]
    public void SummaryListsEveryLayer()
    {
        // Multiplies: 16·8 + 8·3 weights applied per sample. Memory: (163 parameters + 163 gradients + 4 samples × 54 values) × 4 bytes, where a sample
        // holds its input copy (16) and the workspace: 38 values where one buffer per tensor would take
        // 62 (each activation and gradient, 2 × (8 + 8 + 8 + 3), and the dropout mask, 8).
        string summary = new SmallClassifier(maxBatch: 4).Summary();
        Assert.Equal(
            """
            SmallClassifier: [1, 4, 4] → [3], float, loss SoftmaxCrossEntropy
            Layer     Kind     Output     Parameters  Bytes  Multiplies
            (input)   Input    [1, 4, 4]           0      0           0
            Flatten1  Flatten  [16]                0      0           0
            Hidden    Dense    [8]               136    544         128
            Relu1     Relu     [8]                 0      0           0
            Dropout1  Dropout  [8]                 0      0           0
            Output    Dense    [3]                27    108          24
            Total: 163 parameters, 652 bytes (and as many again for their gradients); 152 multiplies per sample forward
            Per sample: 216 bytes, 54 values: the workspace's 38 (activations, gradients and layer buffers; 62 with one buffer per tensor) and 16 for the input
            Memory for maxBatch 4: 2,168 bytes
            """.ReplaceLineEndings("\n"),
            summary);
    }
}
