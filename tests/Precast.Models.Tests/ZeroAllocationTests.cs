using Precast.Models.Tests.Models;
using Precast.Optimizers;

namespace Precast.Models.Tests;

/// <summary>
/// After construction, nothing a training loop calls allocates in the steady state (measured by
/// <see cref="Allocations"/>): not TrainStep, not the optimizer, not prediction.
/// </summary>
public sealed class ZeroAllocationTests
{
    private const int Batch = 16;

    [Fact]
    public void TrainStepAndOptimizerStepAllocateNothing()
    {
        var model = new SmallClassifier(Batch, seed: 1);
        var adam = new Adam<float>(model, new() { LearningRate = 1e-3 });
        var sgd = new Sgd<float>(model, new() { LearningRate = 0.01, Momentum = 0.9 });
        float[] inputs = new float[Batch * SmallClassifier.InputSize];
        int[] labels = new int[Batch];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = (i % 13) / 13f;
        for (int i = 0; i < labels.Length; i++)
            labels[i] = i % 3;

        Allocations.AssertNone(() =>
        {
            model.TrainStep(inputs, labels);
            adam.Step();
            sgd.Step();
        });
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

        Allocations.AssertNone(Run);
    }

    [Fact]
    public void EveryLayerKindAllocatesNothing()
    {
        var model = new DeepCheck(Batch, seed: 3);
        double[] inputs = new double[Batch * DeepCheck.InputSize];
        int[] labels = new int[Batch];
        Allocations.AssertNone(() => model.TrainStep(inputs, labels));
    }

    [Fact]
    public void EveryCompositionAllocatesNothing()
    {
        // Residuals, a three-way sum, a highway, repeats and concatenated branches: every join's
        // forward and backward step, and the accumulation of gradients where tensors fork.
        var three = new ThreeConsumersCheck(Batch, seed: 4);
        var nested = new NestedCheck(Batch, seed: 5);
        var scale = new ScaleCheck(Batch, seed: 6);
        double[] threeInputs = new double[Batch * ThreeConsumersCheck.InputSize];
        double[] threeTargets = new double[Batch * ThreeConsumersCheck.OutputSize];
        double[] nestedInputs = new double[Batch * NestedCheck.InputSize];
        int[] nestedLabels = new int[Batch];
        double[] scaleInputs = new double[Batch * ScaleCheck.InputSize];
        double[] scaleTargets = new double[Batch * ScaleCheck.OutputSize];
        Allocations.AssertNone(() =>
        {
            three.TrainStep(threeInputs, threeTargets);
            nested.TrainStep(nestedInputs, nestedLabels);
            scale.TrainStep(scaleInputs, scaleTargets);
        });
    }

    [Fact]
    public void ConvolutionsWithBatchNormAndDropout2DTrainAndPredictWithoutAllocating()
    {
        // A training step moves BatchNorm's running statistics and draws Dropout2D's masks; Adam
        // updates every parameter; inference then reads the running statistics and skips the masks.
        var model = new ConvBatchNormClassifier(Batch, seed: 7);
        var adam = new Adam<float>(model, new() { LearningRate = 1e-3 });
        float[] inputs = new float[Batch * ConvBatchNormClassifier.InputSize];
        int[] labels = new int[Batch];
        float[] probabilities = new float[Batch * ConvBatchNormClassifier.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = (i % 17) / 17f - 0.5f;
        for (int i = 0; i < labels.Length; i++)
            labels[i] = i % 5;

        Allocations.AssertNone(() =>
        {
            model.TrainStep(inputs, labels);
            adam.Step();
        });

        model.IsTraining = false;
        Allocations.AssertNone(() => model.Predict(inputs, probabilities));
    }
}
