using Precast.Models.Tests.Models;
using Precast.Optimizers;

namespace Precast.Models.Tests;

/// <summary>
/// After construction and one warm-up call (which lets the JIT settle), nothing a training loop
/// calls allocates: not TrainStep, not the optimizer, not prediction.
/// </summary>
public sealed class ZeroAllocationTests
{
    private const int Batch = 16;

    [Fact]
    public void TrainStepAndOptimizerStepAllocateNothing()
    {
        var model = new SmallClassifier(Batch, seed: 1);
        var adam = new Adam(model, learningRate: 1e-3f);
        var sgd = new Sgd(model, learningRate: 0.01f, momentum: 0.9f);
        float[] inputs = new float[Batch * SmallClassifier.InputSize];
        int[] labels = new int[Batch];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = (i % 13) / 13f;
        for (int i = 0; i < labels.Length; i++)
            labels[i] = i % 3;

        model.TrainStep(inputs, labels);
        adam.Step();
        sgd.Step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++)
        {
            model.TrainStep(inputs, labels);
            adam.Step();
            sgd.Step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ForwardLossBackwardAndPredictionAllocateNothing()
    {
        var model = new SmallClassifier(Batch, seed: 2);
        float[] inputs = new float[Batch * SmallClassifier.InputSize];
        int[] labels = new int[Batch];
        float[] probabilities = new float[Batch * SmallClassifier.OutputSize];
        int[] classes = new int[Batch];

        void Run()
        {
            model.Forward(inputs);
            model.ComputeLoss(labels);
            model.Backward();
            model.Predict(inputs, probabilities);
            model.PredictClasses(inputs, classes);
            model.PredictClass(inputs.AsSpan(0, SmallClassifier.InputSize));
            model.ZeroGradients();
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void EveryLayerKindAllocatesNothing()
    {
        var model = new DeepCheck(Batch, seed: 3);
        double[] inputs = new double[Batch * DeepCheck.InputSize];
        int[] labels = new int[Batch];
        model.TrainStep(inputs, labels);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            model.TrainStep(inputs, labels);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
