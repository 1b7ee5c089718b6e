using System.Globalization;
using System.Runtime.CompilerServices;
using Precast.Checkpoints;
using Precast.Data;
using Precast.Metrics;
using Precast.Optimizers;
using Precast.Schedules;
using Precast.Training;

namespace Precast.Models.Tests.TrainingDocs;

// The models and classes of docs/training.md, as the page declares them.

[Model(Input = [1, 28, 28])]
[Flatten]
[Dense(64, Name = "Hidden"), Relu]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class Classifier;

[Model(Input = [3], Precision = Precision.Double)]
[Dense(16), Tanh]
[Dense(1)]
[Loss(Loss.Huber)]
public partial class Regressor;

sealed class EpochLines : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p)
    {
        if (p.IsEpochEnd)
            Console.WriteLine($"epoch {p.Epoch + 1}/{p.Epochs}: {p.Metrics}, {p.SamplesPerSecond:N0} samples/s");
    }
}

sealed class StopAtAccuracy(double target) : ITrainingCallback
{
    public void OnEpochEnd(TrainingContext context)
    {
        if (context.Metrics["val_accuracy"] >= target)
            context.Stop($"val_accuracy reached {target:P0} at epoch {context.Epoch}");
    }
}

/// <summary>
/// The examples of docs/training.md, compiled and run on the Fashion-MNIST subset shipped with the
/// sample (copied to the test's output folder as data/). Each ```csharp block of the page must
/// appear in this file line for line (indentation aside). Examples that are not about the full
/// data train on its first 600 images, to keep the tests short.
/// </summary>
/// <remarks>Left out of the runs under narrower SIMD paths, as <see cref="TrainingTests"/> is: training is slow on the scalar path and adds nothing there.</remarks>
[Trait(SimdPathTests.Trait, SimdPathTests.DefaultPathOnly)]
public sealed class TrainingDocsExamples
{
    private static readonly Lazy<(Dataset<float, int> Train, Dataset<float, int> Test)> s_subset = new(() =>
    {
        var (train, test) = Dataset.FromIdxDirectory(Path.Combine(AppContext.BaseDirectory, "data"));
        return (train.Take(600), test.Take(300));
    });

    private static (Classifier Model, Trainer<float, int> Trainer) ClassifierTrainer()
    {
        var model = new Classifier(maxBatch: 64, seed: 1);
        var trainer = Trainer.Create(model, new Adam<float>(model, new() { LearningRate = 1e-3 }));
        trainer.Metrics.Add(new Accuracy(classes: 10));
        return (model, trainer);
    }

    [Fact]
    public void Every_csharp_block_of_the_page_is_in_this_file() => DocsExamples.AssertEveryBlockIsIn("training.md", minimumBlocks: 12);

    [Fact]
    public void A_first_fit()
    {
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);

        var (train, test) = Dataset.FromIdxDirectory("data");
        var model = new Classifier(maxBatch: 64, seed: 1);
        var trainer = Trainer.Create(model, new Adam<float>(model, new() { LearningRate = 1e-3 }));
        trainer.Metrics.Add(new Accuracy(classes: 10));

        TrainingHistory history = trainer.Fit(train, epochs: 2, batchSize: 64, validationSplit: 0.1, seed: 42);
        Console.WriteLine($"validation accuracy after {history.Epochs.Count} epochs: {history["val_accuracy"][^1]:P1}");

        MetricValues scores = trainer.Evaluate(test);
        Console.WriteLine($"test loss {scores["loss"]:F4}, accuracy {scores["accuracy"]:P1}");

        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Names);
        Assert.Equal(2, history.Epochs.Count);
        Assert.True(history["val_loss"][1] < history["val_loss"][0], string.Join(", ", history["val_loss"]));
        Assert.True(scores["accuracy"] > 0.75, scores.ToString());
    }

    [Fact]
    public void Your_own_batches_and_validation_data()
    {
        var (train, test) = s_subset.Value;
        var (model, trainer) = ClassifierTrainer();

        var batches = new Batcher<float, int>(train, batchSize: 64, seed: 42);
        using Prefetcher<float, int> prefetched = batches.Prefetch();
        trainer.Fit(prefetched, epochs: 2, validation: test);

        float[] probabilities = trainer.Predict(test.Inputs.AsSpan(0, 5 * 784));
        float[] first = probabilities[..10];
        int predicted = Array.IndexOf(first, first.Max());

        Assert.Equal(50, probabilities.Length);
        Assert.Equal(1f, first.Sum(), 5);
        var expected = new float[10];
        model.Predict(test.Inputs.AsSpan(0, 784), expected);
        Assert.Equal(Array.IndexOf(expected, expected.Max()), predicted);
    }

    [Fact]
    public void Every_loss_both_precisions()
    {
        var random = new Random(3);
        double[] inputs = [.. Enumerable.Range(0, 200 * 3).Select(_ => random.NextDouble() * 2 - 1)];
        double[] targets = [.. Enumerable.Range(0, 200).Select(n => inputs[3 * n] - 0.5 * inputs[3 * n + 1] * inputs[3 * n + 2])];

        Dataset<double, double> points = Dataset.FromTargets<double, double>(inputs, targets, sampleShape: [3]);
        var regressor = new Regressor(maxBatch: 32, seed: 1);
        var regression = Trainer.Create(regressor, new Adam<double>(regressor, new() { LearningRate = 1e-2 }));
        regression.Metrics.Add(new RegressionErrors());
        TrainingHistory fitted = regression.Fit(points, epochs: 50, batchSize: 32, validationSplit: 0.2, seed: 7);
        Console.WriteLine($"validation mean absolute error: {fitted["val_mean absolute error"][^1]:F3}");

        // The targets spread over about ±1.3; predicting their mean would leave an error of about 0.5.
        Assert.True(fitted["val_mean absolute error"][^1] < 0.1, string.Join(", ", fitted["val_mean absolute error"]));
    }

    [Fact]
    public void Callbacks_and_resuming()
    {
        var (train, _) = s_subset.Value;
        var (model, trainer) = ClassifierTrainer();
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        try
        {
            trainer.Callbacks.Add(new StopOnNonFiniteLoss());
            trainer.Callbacks.Add(new EarlyStopping { Monitor = "val_loss", Patience = 3 });
            trainer.Callbacks.Add(new SaveBestCheckpoint("best.safetensors") { Monitor = "val_accuracy" });
            trainer.Callbacks.Add(new LearningRateScheduler(new CosineAnnealing(maxSteps: 20)));
            trainer.Callbacks.Add(new CsvHistoryWriter("history.csv"));

            TrainingHistory run = trainer.Fit(train, epochs: 20, batchSize: 64, validationSplit: 0.1, seed: 42);
            if (run.StoppedEarly)
                Console.WriteLine($"stopped after epoch {run.Epochs[^1].Epoch}: {run.StopReason}");

            Assert.Equal(run.Epochs.Count + 1, File.ReadAllLines("history.csv").Length);
            // The learning rate follows the cosine from 1e-3 down over the 20 epochs.
            Assert.Equal(new CosineAnnealing(maxSteps: 20).LearningRate(run.Epochs.Count - 1, 1e-3), run.Epochs[^1].LearningRate, 15);
            trainer.Callbacks.Clear();

            TrainingPosition saved = TrainingCheckpoint.Load("best.safetensors", model, trainer.Optimizer);
                        trainer.Fit(train, epochs: saved.Epoch + 3, batchSize: 64, validationSplit: 0.1, seed: 42, initialEpoch: saved.Epoch);

            double[] validationAccuracy = run["val_accuracy"];
            Assert.Equal(Array.IndexOf(validationAccuracy, validationAccuracy.Max()) + 1, saved.Epoch);
        }
        finally
        {
            File.Delete("best.safetensors");
            File.Delete("history.csv");
        }
    }

    [Fact]
    public void Early_stopping_restores_the_best_validation_loss()
    {
        var (train, _) = s_subset.Value;
        var (model, trainer) = ClassifierTrainer();
        trainer.Callbacks.Add(new EarlyStopping { Monitor = "val_loss", Patience = 3 });

        TrainingHistory run = trainer.Fit(train, epochs: 8, batchSize: 64, validationSplit: 0.1, seed: 42);

        double best = run["val_loss"].Min();
        var (_, validation) = train.Split(0.1, seed: 42);
        Assert.Equal(best, trainer.Evaluate(validation)["loss"]);
    }

    [Fact]
    public void Learning_rate_schedules()
    {
        var (train, _) = s_subset.Value;
        var (_, trainer) = ClassifierTrainer();

        trainer.Callbacks.Add(new LearningRateScheduler(new LinearWarmup(steps: 100), ScheduleTiming.PerStep));

        var plateau = new ReduceOnPlateau(trainer.Optimizer) { Patience = 2, Factor = 0.5 };
        trainer.Callbacks.Add(new ReduceLearningRateOnPlateau(plateau, monitor: "val_loss"));

        TrainingHistory run = trainer.Fit(train, epochs: 2, batchSize: 64, validationSplit: 0.1, seed: 42);
        // 9 steps an epoch (540 samples in batches of 64): the warm-up is still rising at the last step of epoch 1, step 17.
        Assert.Equal(new LinearWarmup(steps: 100).LearningRate(17, 1e-3), run.Epochs[1].LearningRate, 15);
    }

    [Fact]
    public void Progress_on_the_console()
    {
        var (train, _) = s_subset.Value;
        var (_, trainer) = ClassifierTrainer();
        TextWriter console = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            trainer.Callbacks.Add(new ProgressReporter(new EpochLines()) { BatchInterval = 50 });
            trainer.Fit(train, epochs: 2, batchSize: 64, validationSplit: 0.1, seed: 42);
        }
        finally
        {
            Console.SetOut(console);
        }
        Assert.Matches(@"epoch 1/2: loss \d\.\d{4}, accuracy \d\.\d{4}, val_loss \d\.\d{4}, val_accuracy \d\.\d{4}, [\d,]+ samples/s", output.ToString());
        Assert.Contains("epoch 2/2: ", output.ToString());
    }

    [Fact]
    public void Writing_a_callback()
    {
        var (train, _) = s_subset.Value;
        var (_, trainer) = ClassifierTrainer();

        trainer.Callbacks.Add(new StopAtAccuracy(0.70));
        TrainingHistory reached = trainer.Fit(train, epochs: 30, batchSize: 64, validationSplit: 0.1, seed: 42);

        Assert.True(reached.StoppedEarly, $"val_accuracy never reached 0.70: {string.Join(", ", reached["val_accuracy"])}");
        Assert.StartsWith("val_accuracy reached", reached.StopReason);
        Assert.True(reached["val_accuracy"][^1] >= 0.70);
        Assert.All(reached["val_accuracy"][..^1], accuracy => Assert.True(accuracy < 0.70));
    }
}
