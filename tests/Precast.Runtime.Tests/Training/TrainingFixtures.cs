using Precast.Data;
using Precast.Metrics;
using Precast.Optimizers;
using Precast.Runtime.Tests.Optimizers;
using Precast.Training;

namespace Precast.Runtime.Tests.Training;

/// <summary>Small data, models and trainers for the trainer tests.</summary>
internal static class TrainingFixtures
{
    public const int Inputs = 4;
    public const int Classes = 3;

    /// <summary>
    /// <paramref name="count"/> samples in three separable clusters: class c has input c + noise on
    /// each feature, with the noise drawn from a fixed generator.
    /// </summary>
    public static Dataset<float, int> Clusters(int count, int seed = 1)
    {
        var random = new Random(seed);
        var inputs = new float[count * Inputs];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = n % Classes;
            for (int i = 0; i < Inputs; i++)
                inputs[n * Inputs + i] = (i == labels[n] ? 2f : 0f) + (float)(random.NextDouble() - 0.5);
        }
        return Dataset.FromArrays(inputs, labels, sampleShape: [Inputs], classCount: Classes);
    }

    /// <summary>A linear classifier with small fixed weights (the same for every call).</summary>
    public static LinearTestModel Model(int maxBatch = 8)
    {
        var model = new LinearTestModel(Inputs, Classes, maxBatch);
        for (int i = 0; i < model.Parameters.Length; i++)
            model.Parameters[i] = 0.1f * MathF.Sin(1.3f * i);
        return model;
    }

    public static Trainer<float, int> Trainer(LinearTestModel model, double learningRate = 0.1) =>
        Precast.Training.Trainer.Create<float, int>(model, new Sgd<float>(model, new() { LearningRate = learningRate }));
}

/// <summary>
/// A metric whose value at each epoch's end follows a script, so the tests decide which epoch is
/// best: the value of the n-th pass (each Reset starts one) is <c>values[n]</c>.
/// </summary>
internal sealed class ScriptedMetric(string name, params double[] values) : IMetric<float, int>
{
    private int _passes = -1;

    public string Name => name;

    public double Value => values[Math.Min(_passes, values.Length - 1)];

    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<int> targets)
    {
    }

    public void Reset() => _passes++;
}

/// <summary>Records every callback call as text ("epoch-begin 0", "batch-end 0.1 step 2", ...) and each epoch's weights.</summary>
internal sealed class RecordingCallback : ITrainingCallback
{
    public List<string> Calls { get; } = [];

    public List<float[]> EpochWeights { get; } = [];

    public Func<TrainingContext, bool>? StopAtBatchEnd { get; init; }

    /// <summary>Reads the model's weights at each epoch's end, when set.</summary>
    public Func<float[]>? Weights { get; init; }

    public void OnTrainBegin(TrainingContext context) => Calls.Add($"train-begin {context.InitialEpoch}-{context.Epochs}");

    public void OnEpochBegin(TrainingContext context) => Calls.Add($"epoch-begin {context.Epoch}");

    public void OnBatchBegin(TrainingContext context) => Calls.Add($"batch-begin {context.Epoch}.{context.Batch} step {context.Step}");

    public void OnBatchEnd(TrainingContext context)
    {
        Calls.Add($"batch-end {context.Epoch}.{context.Batch} step {context.Step}");
        if (StopAtBatchEnd?.Invoke(context) == true)
            context.Stop("the test asked");
    }

    public void OnEpochEnd(TrainingContext context)
    {
        Calls.Add($"epoch-end {context.Epoch}");
        if (Weights is not null)
            EpochWeights.Add(Weights());
    }

    public void OnTrainEnd(TrainingContext context) => Calls.Add($"train-end {context.StopTraining}");
}
