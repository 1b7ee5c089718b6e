using System.Numerics;
using System.Runtime.InteropServices;
using Precast.Checkpoints;
using Precast.Data;
using Precast.Data.Transforms;
using Precast.Models.Tests.Models;
using Precast.Optimizers;

namespace Precast.Models.Tests;

/// <summary>
/// A run interrupted mid-epoch, saved with <see cref="TrainingCheckpoint"/> and resumed in a fresh
/// model, optimizer and batcher, ends with exactly the parameters of the run that never stopped:
/// dropout masks (the model's generator), Adam's moments and step count, the shuffled order and
/// the augmentation all continue where they were.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private const int Samples = 50;
    private const int BatchSize = 8;   // 7 batches an epoch, the last of 2 samples
    private const long TotalSteps = 24; // three epochs and a half
    private const ulong DataSeed = 7;

    private readonly string _directory = Directory.CreateTempSubdirectory("precast-resume-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(3)]  // mid-epoch
    [InlineData(7)]  // at an epoch boundary
    [InlineData(17)]
    public void A_resumed_float_run_ends_bit_for_bit_as_the_uninterrupted_one(long stopAt) =>
        ResumedEqualsUninterrupted(seed => new ResumeNet(BatchSize, seed), stopAt);

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public void A_resumed_double_run_ends_bit_for_bit_as_the_uninterrupted_one(long stopAt) =>
        ResumedEqualsUninterrupted(seed => new ResumeNetDouble(BatchSize, seed), stopAt);

    [Fact]
    public void Restoring_only_the_weights_does_not_resume_the_run()
    {
        // The comparison above can fail: without the optimizer state and the generator, the run drifts.
        float[] uninterrupted = Uninterrupted<float>(seed => new ResumeNet(BatchSize, seed));
        string path = Path.Combine(_directory, "weights.safetensors");
        ITrainable<float, int> model = new ResumeNet(BatchSize, seed: 1);
        var optimizer = NewOptimizer(model);
        TrainingPosition stopped = Train(model, optimizer, NewBatcher<float>(), TrainingPosition.Start, until: 10);
        Checkpoint.Save(model, path);

        ITrainable<float, int> resumed = new ResumeNet(BatchSize, seed: 2);
        Checkpoint.Load(resumed, path);
        Train(resumed, NewOptimizer(resumed), NewBatcher<float>(), stopped, until: TotalSteps);

        Assert.NotEqual(Bits(uninterrupted), Bits(resumed.Parameters.ToArray()));
    }

    private void ResumedEqualsUninterrupted<T>(Func<ulong, ITrainable<T, int>> create, long stopAt)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] uninterrupted = Uninterrupted(create);
        string path = Path.Combine(_directory, "run.safetensors");

        ITrainable<T, int> first = create(1);
        Adam<T> firstOptimizer = NewOptimizer(first);
        TrainingPosition stopped = Train(first, firstOptimizer, NewBatcher<T>(), TrainingPosition.Start, until: stopAt);
        TrainingCheckpoint.Save(path, first, firstOptimizer, stopped with { DataSeed = DataSeed });

        // Everything fresh; a different seed shows the load replaces the weights and the generator.
        ITrainable<T, int> second = create(99);
        Adam<T> secondOptimizer = NewOptimizer(second);
        TrainingPosition progress = TrainingCheckpoint.Load(path, second, secondOptimizer);
        Assert.Equal(stopped with { DataSeed = DataSeed }, progress);
        Train(second, secondOptimizer, NewBatcher<T>(progress.DataSeed!.Value), progress, until: TotalSteps);

        Assert.Equal(Bits(uninterrupted), Bits(second.Parameters.ToArray()));
        Assert.Equal(TotalSteps, secondOptimizer.StepCount);
    }

    private static T[] Uninterrupted<T>(Func<ulong, ITrainable<T, int>> create)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ITrainable<T, int> model = create(1);
        Train(model, NewOptimizer(model), NewBatcher<T>(), TrainingPosition.Start, until: TotalSteps);
        return model.Parameters.ToArray();
    }

    /// <summary>Trains from <paramref name="from"/> until <paramref name="until"/> steps in all, and returns where it stopped.</summary>
    private static TrainingPosition Train<T>(ITrainable<T, int> model, IOptimizer optimizer, Batcher<T, int> batches, TrainingPosition from, long until)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long step = from.Step;
        for (int epoch = from.Epoch; ; epoch++)
        {
            foreach (var batch in batches.Epoch(epoch, startBatch: epoch == from.Epoch ? from.Batch : 0))
            {
                model.TrainStep(batch.Inputs, batch.Targets);
                optimizer.Step();
                if (++step == until)
                {
                    return batch.Index + 1 == batches.BatchesPerEpoch
                        ? new TrainingPosition(epoch + 1, 0, step)
                        : new TrainingPosition(epoch, batch.Index + 1, step);
                }
            }
        }
    }

    private static Adam<T> NewOptimizer<T>(IModel<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(model, new AdamOptions { LearningRate = 0.01, Amsgrad = true, WeightDecay = 1e-3 });

    private static Batcher<T, int> NewBatcher<T>(ulong seed = DataSeed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var inputs = new T[Samples * 6];
        var labels = new int[Samples];
        for (int i = 0; i < Samples; i++)
        {
            labels[i] = i % 3;
            for (int j = 0; j < 6; j++)
                inputs[i * 6 + j] = T.CreateTruncating(Math.Sin(i * 0.7 + j) + (j == labels[i] ? 1.0 : 0.0));
        }
        Dataset<T, int> data = Dataset.FromArrays(inputs, labels, sampleShape: [6], classCount: 3);
        return new Batcher<T, int>(data, BatchSize, shuffle: true, seed, transform: new GaussianNoise(0.05));
    }

    private static byte[] Bits<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
