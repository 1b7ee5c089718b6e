using Precast.Models.Tests.Models;

namespace Precast.Models.Tests;

/// <summary>
/// Every layer kind and loss, through the code the generator emits, against finite differences
/// in double precision.
/// </summary>
public sealed class GradientCheckTests
{
    private const int Batch = 3;

    [Fact] public void Dense() => CheckRegression(new DenseCheck(Batch, seed: 1), DenseCheck.InputSize, DenseCheck.OutputSize, m => m.InputGradient);

    [Fact] public void DenseWithoutBias() => CheckRegression(new DenseWithoutBiasCheck(Batch, seed: 2), DenseWithoutBiasCheck.InputSize, DenseWithoutBiasCheck.OutputSize, m => m.InputGradient);

    [Fact] public void Relu() => CheckRegression(new ReluCheck(Batch), ReluCheck.InputSize, ReluCheck.OutputSize, m => m.InputGradient);

    [Fact] public void LeakyRelu() => CheckRegression(new LeakyReluCheck(Batch), LeakyReluCheck.InputSize, LeakyReluCheck.OutputSize, m => m.InputGradient);

    [Fact] public void Sigmoid() => CheckRegression(new SigmoidCheck(Batch), SigmoidCheck.InputSize, SigmoidCheck.OutputSize, m => m.InputGradient);

    [Fact] public void Tanh() => CheckRegression(new TanhCheck(Batch), TanhCheck.InputSize, TanhCheck.OutputSize, m => m.InputGradient);

    [Fact] public void Gelu() => CheckRegression(new GeluCheck(Batch), GeluCheck.InputSize, GeluCheck.OutputSize, m => m.InputGradient);

    [Fact] public void GeluTanhApproximation() => CheckRegression(new GeluTanhCheck(Batch), GeluTanhCheck.InputSize, GeluTanhCheck.OutputSize, m => m.InputGradient);

    [Fact] public void Softmax() => CheckRegression(new SoftmaxCheck(Batch), SoftmaxCheck.InputSize, SoftmaxCheck.OutputSize, m => m.InputGradient);

    [Fact] public void Flatten() => CheckRegression(new FlattenCheck(Batch, seed: 3), FlattenCheck.InputSize, FlattenCheck.OutputSize, m => m.InputGradient);

    [Fact]
    public void DropoutInInferenceMode()
    {
        // A training-mode forward pass draws a new mask each time, so finite differences cannot
        // follow it; DropoutTests checks training mode exactly against its mask instead.
        var model = new DropoutCheck(Batch, seed: 4) { IsTraining = false };
        CheckRegression(model, DropoutCheck.InputSize, DropoutCheck.OutputSize, m => m.InputGradient);
    }

    [Fact]
    public void SoftmaxCrossEntropy()
    {
        var model = new CrossEntropyCheck(Batch, seed: 5);
        var random = new Random(50);
        int[] labels = Enumerable.Range(0, Batch).Select(_ => random.Next(CrossEntropyCheck.OutputSize)).ToArray();
        ModelGradientCheck.Check(model, RandomInputs(random, Batch * CrossEntropyCheck.InputSize), labels, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void SigmoidBinaryCrossEntropy()
    {
        var model = new BinaryCrossEntropyCheck(Batch, seed: 6);
        var random = new Random(60);
        // Soft targets as well as 0 and 1: the loss is defined for any target in [0, 1].
        double[] targets = Enumerable.Range(0, Batch * BinaryCrossEntropyCheck.OutputSize).Select(i => i % 3 == 2 ? random.NextDouble() : i % 3).ToArray();
        ModelGradientCheck.Check(model, RandomInputs(random, Batch * BinaryCrossEntropyCheck.InputSize), targets, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void EveryLayerTogether()
    {
        var model = new DeepCheck(Batch, seed: 7);
        var random = new Random(70);
        int[] labels = Enumerable.Range(0, Batch).Select(_ => random.Next(DeepCheck.OutputSize)).ToArray();
        ModelGradientCheck.Check(model, RandomInputs(random, Batch * DeepCheck.InputSize), labels, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void TrainStepGivesTheSameGradientsAsForwardLossBackward()
    {
        var model = new DeepCheck(Batch, seed: 8);
        var random = new Random(80);
        double[] inputs = RandomInputs(random, Batch * DeepCheck.InputSize);
        int[] labels = [0, 2, 1];

        double loss = model.TrainStep(inputs, labels);
        double[] gradients = model.Gradients.ToArray();
        double[] inputGradient = model.InputGradient.ToArray();

        model.ZeroGradients();
        model.Forward(inputs);
        Assert.Equal(loss, model.ComputeLoss(labels));
        model.Backward();
        Assert.Equal(gradients, model.Gradients.ToArray());
        Assert.Equal(inputGradient, model.InputGradient.ToArray());
    }

    private static void CheckRegression<TModel>(TModel model, int inputSize, int outputSize, Func<TModel, ReadOnlySpan<double>> inputGradient)
        where TModel : ITrainable<double, double>
    {
        var random = new Random(inputSize * 31 + outputSize);
        double[] inputs = RandomInputs(random, Batch * inputSize);
        double[] targets = RandomInputs(random, Batch * outputSize);
        ModelGradientCheck.Check(model, inputs, targets, () => inputGradient(model).ToArray());
    }

    // Values in ±2 kept away from 0, where ReLU and LeakyReLU have their kink.
    private static double[] RandomInputs(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (random.NextDouble() < 0.5 ? -1 : 1) * (0.05 + 1.95 * random.NextDouble())).ToArray();
}
