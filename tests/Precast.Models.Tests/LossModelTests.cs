using Precast.Losses;
using Precast.Models.Tests.Models;

namespace Precast.Models.Tests;

/// <summary>
/// The losses as generated models use them: gradients through a whole network against finite
/// differences (double), the options on [Loss] reaching the loss (TrainStep gives exactly the runtime
/// loss with those options of the model's own outputs), Predict's link function, and a training step
/// that allocates nothing.
/// </summary>
public sealed class LossModelTests
{
    private const int Batch = 4;
    private const int Classes = 4;

    [Fact]
    public void SmoothedCrossEntropyGradients()
    {
        var model = new SmoothedCrossEntropyCheck(Batch, seed: 1);
        var random = new Random(10);
        int[] labels = Enumerable.Range(0, Batch).Select(_ => random.Next(Classes)).ToArray();
        ModelGradientCheck.Check(model, Inputs(random, SmoothedCrossEntropyCheck.InputSize), labels, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void ProbabilityCrossEntropyGradients()
    {
        var model = new ProbabilityCrossEntropyCheck(Batch, seed: 2);
        var random = new Random(20);
        ModelGradientCheck.Check(model, Inputs(random, ProbabilityCrossEntropyCheck.InputSize), Distributions(random), () => model.InputGradient.ToArray());
    }

    [Fact]
    public void KLDivergenceGradients()
    {
        var model = new KLDivergenceCheck(Batch, seed: 3);
        var random = new Random(30);
        double[] targets = Distributions(random);
        targets[5] = 0; // a zero target adds nothing to the loss, and must not make it NaN
        ModelGradientCheck.Check(model, Inputs(random, KLDivergenceCheck.InputSize), targets, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void MeanAbsoluteErrorGradients()
    {
        var model = new MeanAbsoluteErrorCheck(Batch, seed: 4);
        var random = new Random(40);
        double[] inputs = Inputs(random, MeanAbsoluteErrorCheck.InputSize);
        // Targets well away from the outputs, so no finite difference crosses the kink of |y − t|.
        double[] outputs = model.Forward(inputs).ToArray();
        double[] targets = Enumerable.Range(0, Batch * Classes).Select(i => outputs[i] + (i % 2 == 0 ? 0.5 : -0.5) * (1 + random.NextDouble())).ToArray();
        ModelGradientCheck.Check(model, inputs, targets, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void HuberGradients()
    {
        var model = new HuberCheck(Batch, seed: 5);
        var random = new Random(50);
        double[] inputs = Inputs(random, HuberCheck.InputSize);
        double[] outputs = model.Forward(inputs).ToArray();
        // Differences of 0.1 to 1.1 on either side, against δ = 0.5: both pieces of the loss.
        double[] targets = Enumerable.Range(0, Batch * Classes).Select(i => outputs[i] + (i % 2 == 0 ? 1 : -1) * (0.1 + i % 5 * 0.25)).ToArray();
        ModelGradientCheck.Check(model, inputs, targets, () => model.InputGradient.ToArray());
    }

    [Fact]
    public void TheOptionsOnTheAttributeReachTheLoss()
    {
        var random = new Random(60);
        float[] inputs = Inputs(random, SmoothedClassifier.InputSize).Select(v => (float)v).ToArray();
        int[] labels = [0, 4, 2, 2];
        float[] distributions = Distributions(random, classes: 5).Select(v => (float)v).ToArray();
        float[] targets = Inputs(random, 5).Select(v => (float)v).ToArray();

        var smoothed = new SmoothedClassifier(Batch, seed: 6);
        float[] outputs = smoothed.Forward(inputs).ToArray();
        Assert.Equal(SoftmaxCrossEntropy.Compute<float>(outputs, labels, [], Batch, 5, labelSmoothing: 0.1f), smoothed.ComputeLoss(labels));
        Assert.NotEqual(SoftmaxCrossEntropy.Compute<float>(outputs, labels, [], Batch, 5), smoothed.ComputeLoss(labels));

        var student = new DistillationStudent(Batch, seed: 7);
        outputs = student.Forward(inputs).ToArray();
        Assert.Equal(SoftmaxCrossEntropy.Compute<float>(outputs, distributions, [], Batch, 5), student.ComputeLoss(distributions));

        var divergence = new DivergenceStudent(Batch, seed: 8);
        outputs = divergence.Forward(inputs).ToArray();
        Assert.Equal(KLDivergence.Compute<float>(outputs, distributions, [], Batch, 5), divergence.ComputeLoss(distributions));

        var absolute = new AbsoluteRegressor(Batch, seed: 9);
        outputs = absolute.Forward(inputs).ToArray();
        Assert.Equal(MeanAbsoluteError.Compute<float>(outputs, targets, []), absolute.ComputeLoss(targets));

        var robust = new RobustRegressor(Batch, seed: 10);
        outputs = robust.Forward(inputs).ToArray();
        Assert.Equal(Huber.Compute<float>(outputs, targets, [], delta: 0.25f), robust.ComputeLoss(targets));
        Assert.NotEqual(Huber.Compute<float>(outputs, targets, [], delta: 1), robust.ComputeLoss(targets));
    }

    [Fact]
    public void PredictAppliesTheLinkFunction()
    {
        var random = new Random(70);
        float[] inputs = Inputs(random, SmoothedClassifier.InputSize).Select(v => (float)v).ToArray();
        var predictions = new float[Batch * 5];

        // The distribution losses predict the softmax of the outputs, whose rows sum to 1.
        var student = new DivergenceStudent(Batch, seed: 11);
        float[] logits = student.Forward(inputs).ToArray();
        student.Predict(inputs, predictions);
        float[] softmax = logits.ToArray();
        Kernels.Softmax.Forward<float>(softmax, softmax, Batch, 5);
        Assert.Equal(softmax, predictions);

        // The regression losses predict the outputs themselves.
        var robust = new RobustRegressor(Batch, seed: 12);
        float[] outputs = robust.Forward(inputs).ToArray();
        robust.Predict(inputs, predictions);
        Assert.Equal(outputs, predictions);
    }

    [Fact]
    public void TrainStepAllocatesNothingWithAnyLoss()
    {
        float[] inputs = new float[Batch * 6];
        int[] labels = new int[Batch];
        float[] targets = new float[Batch * 5];
        var smoothed = new SmoothedClassifier(Batch, seed: 13);
        var student = new DistillationStudent(Batch, seed: 14);
        var divergence = new DivergenceStudent(Batch, seed: 15);
        var absolute = new AbsoluteRegressor(Batch, seed: 16);
        var robust = new RobustRegressor(Batch, seed: 17);
        var huber = new HuberCheck(Batch, seed: 18);
        double[] doubleInputs = new double[Batch * HuberCheck.InputSize];
        double[] doubleTargets = new double[Batch * HuberCheck.OutputSize];
        Allocations.AssertNone(() =>
        {
            smoothed.TrainStep(inputs, labels);
            student.TrainStep(inputs, targets);
            divergence.TrainStep(inputs, targets);
            absolute.TrainStep(inputs, targets);
            robust.TrainStep(inputs, targets);
            huber.TrainStep(doubleInputs, doubleTargets);
        });
    }

    private static double[] Inputs(Random random, int inputSize) =>
        Enumerable.Range(0, Batch * inputSize).Select(_ => 2 * random.NextDouble() - 1).ToArray();

    /// <summary>One probability distribution per sample.</summary>
    private static double[] Distributions(Random random, int classes = Classes)
    {
        var values = new double[Batch * classes];
        for (int r = 0; r < Batch; r++)
        {
            double sum = 0;
            for (int c = 0; c < classes; c++)
                sum += values[r * classes + c] = random.NextDouble() + 0.05;
            for (int c = 0; c < classes; c++)
                values[r * classes + c] /= sum;
        }
        return values;
    }
}
