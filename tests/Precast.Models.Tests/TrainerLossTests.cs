using System.Numerics;
using Precast.Data;
using Precast.Metrics;
using Precast.Models.Tests.Models;
using Precast.Optimizers;
using Precast.Training;

namespace Precast.Models.Tests;

/// <summary>
/// The trainer with generated models of every loss, in float and double: Fit gives the weights of
/// the plain loop (TrainStep then the optimizer's Step) bit for bit, with a metric beside the loss
/// or without; the model learns; Evaluate and Predict give what the model's own calls give.
/// </summary>
public sealed class TrainerLossTests
{
    private const int Samples = 60;
    private const int Batch = 16;

    public static TheoryData<string> Losses => [.. Cases.Keys];

    private static readonly Dictionary<string, ILossCase> Cases = new()
    {
        ["softmax, float"] = new LossCase<float, int>(seed => new FitSoftmaxFloat(Batch, seed), Labels<float>, () => new Accuracy(3)),
        ["softmax, double"] = new LossCase<double, int>(seed => new FitSoftmaxDouble(Batch, seed), Labels<double>, () => new Accuracy(3)),
        ["sigmoid, float"] = new LossCase<float, float>(seed => new FitSigmoidFloat(Batch, seed), Bits<float>, null),
        ["sigmoid, double"] = new LossCase<double, double>(seed => new FitSigmoidDouble(Batch, seed), Bits<double>, null),
        ["squared, float"] = new LossCase<float, float>(seed => new FitSquaredFloat(Batch, seed), Values<float>, () => new RegressionErrors()),
        ["squared, double"] = new LossCase<double, double>(seed => new FitSquaredDouble(Batch, seed), Values<double>, () => new RegressionErrors()),
        ["absolute, float"] = new LossCase<float, float>(seed => new FitAbsoluteFloat(Batch, seed), Values<float>, () => new RegressionErrors()),
        ["absolute, double"] = new LossCase<double, double>(seed => new FitAbsoluteDouble(Batch, seed), Values<double>, () => new RegressionErrors()),
        ["huber, float"] = new LossCase<float, float>(seed => new FitHuberFloat(Batch, seed), Values<float>, () => new RegressionErrors()),
        ["huber, double"] = new LossCase<double, double>(seed => new FitHuberDouble(Batch, seed), Values<double>, () => new RegressionErrors()),
        ["probabilities, float"] = new LossCase<float, float>(seed => new FitProbabilitiesFloat(Batch, seed), Distributions<float>, () => new Accuracy(3)),
        ["probabilities, double"] = new LossCase<double, double>(seed => new FitProbabilitiesDouble(Batch, seed), Distributions<double>, () => new Accuracy(3)),
        ["divergence, float"] = new LossCase<float, float>(seed => new FitDivergenceFloat(Batch, seed), Distributions<float>, () => new Accuracy(3)),
        ["divergence, double"] = new LossCase<double, double>(seed => new FitDivergenceDouble(Batch, seed), Distributions<double>, () => new Accuracy(3)),
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public void FitGivesTheWeightsOfThePlainLoop(string loss) => Cases[loss].FitGivesTheWeightsOfThePlainLoop();

    [Theory]
    [MemberData(nameof(Losses))]
    public void TheModelLearns_AndEvaluateAndPredictAgreeWithTheModel(string loss) => Cases[loss].LearnsAndAgrees();

    private interface ILossCase
    {
        void FitGivesTheWeightsOfThePlainLoop();

        void LearnsAndAgrees();
    }

    private sealed class LossCase<T, TTarget>(
        Func<ulong, ITrainable<T, TTarget>> create, Func<Random, T[], TTarget[]> targets, Func<IMetric<T, TTarget>>? metric) : ILossCase
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTarget : unmanaged
    {
        private Dataset<T, TTarget> Data(int seed)
        {
            var random = new Random(seed);
            T[] inputs = [.. Enumerable.Range(0, Samples * 4).Select(_ => T.CreateTruncating(random.NextDouble() * 2 - 1))];
            TTarget[] values = targets(random, inputs);
            return Dataset.FromTargets<T, TTarget>(inputs, values, sampleShape: [4], targetLength: values.Length / Samples);
        }

        public void FitGivesTheWeightsOfThePlainLoop()
        {
            Dataset<T, TTarget> data = Data(1);
            ITrainable<T, TTarget> looped = create(3);
            var loopAdam = new Adam<T>(looped, new() { LearningRate = 0.01 });
            var batches = new Batcher<T, TTarget>(data, Batch, shuffle: true, seed: 5);
            for (int epoch = 0; epoch < 3; epoch++)
            {
                foreach (var batch in batches.Epoch(epoch))
                {
                    looped.TrainStep(batch.Inputs, batch.Targets);
                    loopAdam.Step();
                }
            }

            foreach (bool withMetric in metric is null ? [false] : new[] { false, true })
            {
                ITrainable<T, TTarget> model = create(3);
                Trainer<T, TTarget> trainer = Trainer.Create(model, new Adam<T>(model, new() { LearningRate = 0.01 }));
                if (withMetric)
                    trainer.Metrics.Add(metric!());
                trainer.Fit(new Batcher<T, TTarget>(data, Batch, shuffle: true, seed: 5), epochs: 3);
                Assert.Equal(looped.Parameters.ToArray(), model.Parameters.ToArray());
            }
        }

        public void LearnsAndAgrees()
        {
            Dataset<T, TTarget> data = Data(2);
            Dataset<T, TTarget> validation = Data(3);
            ITrainable<T, TTarget> model = create(4);
            Trainer<T, TTarget> trainer = Trainer.Create(model, new Adam<T>(model, new() { LearningRate = 0.02 }));
            if (metric is not null)
                trainer.Metrics.Add(metric());
            double before = trainer.Evaluate(validation)["loss"];

            TrainingHistory history = trainer.Fit(new Batcher<T, TTarget>(data, Batch, seed: 6), epochs: 40, validation);

            double after = history["val_loss"][^1];
            Assert.True(after < 0.8 * before, $"validation loss {before} before training, {after} after 40 epochs");
            MetricValues evaluated = trainer.Evaluate(validation);
            Assert.Equal(after, evaluated["loss"]);

            // Evaluate's loss is the model's own over each batch of at most MaxBatch samples, weighted by samples.
            double sum = 0;
            for (int start = 0; start < Samples; start += Batch)
            {
                int count = Math.Min(Batch, Samples - start);
                model.IsTraining = false;
                model.Forward(validation.Inputs.AsSpan(start * 4, count * 4));
                sum += double.CreateTruncating(model.ComputeLoss(validation.Targets.AsSpan(start * model.TargetLength, count * model.TargetLength))) * count;
            }
            Assert.Equal(sum / Samples, evaluated["loss"], 12);

            T[] predictions = trainer.Predict(validation.Inputs);
            var expected = new T[Batch * 3];
            model.Predict(validation.Inputs.AsSpan(0, Batch * 4), expected);
            Assert.Equal(expected, predictions[..(Batch * 3)]);
        }
    }

    /// <summary>The class whose input feature (of the first three) is largest.</summary>
    private static int[] Labels<T>(Random random, T[] inputs) where T : IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, Samples).Select(n => Enumerable.Range(0, 3).MaxBy(c => inputs[n * 4 + c])!)];

    /// <summary>Three independent yes/no targets: whether each of the first three features is positive.</summary>
    private static T[] Bits<T>(Random random, T[] inputs) where T : IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, Samples * 3).Select(i => inputs[i / 3 * 4 + i % 3] > T.Zero ? T.One : T.Zero)];

    /// <summary>Three smooth functions of the inputs.</summary>
    private static T[] Values<T>(Random random, T[] inputs) where T : IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, Samples * 3).Select(i => T.CreateTruncating(0.5) * inputs[i / 3 * 4 + i % 3] - inputs[i / 3 * 4 + 3])];

    /// <summary>A softmax of three features: a probability row per sample.</summary>
    private static T[] Distributions<T>(Random random, T[] inputs) where T : IFloatingPointIeee754<T>
    {
        var rows = new T[Samples * 3];
        for (int n = 0; n < Samples; n++)
        {
            T sum = T.Zero;
            for (int c = 0; c < 3; c++)
                sum += rows[n * 3 + c] = T.Exp(T.CreateTruncating(2) * inputs[n * 4 + c]);
            for (int c = 0; c < 3; c++)
                rows[n * 3 + c] /= sum;
        }
        return rows;
    }
}

/// <summary>A step of the trainer's Fit allocates nothing with a generated model, Adam and a metric (see the runtime tests' TrainerAllocationTests).</summary>
public sealed class TrainerAllocationTests
{
    [Fact]
    public void AStepOfFitAllocatesNothing()
    {
        var model = new FitSoftmaxFloat(maxBatch: 16, seed: 1);
        Trainer<float, int> trainer = Trainer.Create(model, new Adam<float>(model, new() { LearningRate = 1e-3 }));
        trainer.Metrics.Add(new Accuracy(3));
        trainer.Callbacks.Add(new StopOnNonFiniteLoss());
        Dataset<float, int> Data(int samples) => Dataset.FromArrays(
            [.. Enumerable.Range(0, samples * 4).Select(i => MathF.Sin(i))], [.. Enumerable.Range(0, samples).Select(i => i % 3)], [4], classCount: 3);
        Dataset<float, int> validation = Data(16);
        var twoSteps = new Batcher<float, int>(Data(32), batchSize: 16, seed: 1);
        var fortySteps = new Batcher<float, int>(Data(640), batchSize: 16, seed: 1);

        Allocations.AssertNonePerStep(
            () => trainer.Fit(twoSteps, epochs: 1, validation),
            () => trainer.Fit(fortySteps, epochs: 1, validation),
            extraSteps: 38);
    }
}
