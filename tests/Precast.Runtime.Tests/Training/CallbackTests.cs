using System.Globalization;
using Precast.Checkpoints;
using Precast.Data;
using Precast.Runtime.Tests.Data;
using Precast.Runtime.Tests.Optimizers;
using Precast.Schedules;
using Precast.Training;

namespace Precast.Runtime.Tests.Training;

/// <summary>When the trainer calls callbacks, what the context tells them, and what each built-in callback does.</summary>
public sealed class CallbackTests
{
    // 12 samples in batches of 4: 3 steps an epoch, no shuffling, so every batch is known.
    private static Batcher<float, int> Batches() => new(TrainingFixtures.Clusters(12), batchSize: 4, shuffle: false);

    [Fact]
    public void CallbacksRunInOrder_AtEveryPoint_WithTheStepCountedFromEpochZero()
    {
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        var first = new RecordingCallback();
        var second = new RecordingCallback();
        trainer.Callbacks.Add(first);
        trainer.Callbacks.Add(second);

        trainer.Fit(Batches(), epochs: 2);

        string[] expected =
        [
            "train-begin 0-2",
            "epoch-begin 0",
            "batch-begin 0.0 step 0", "batch-end 0.0 step 1",
            "batch-begin 0.1 step 1", "batch-end 0.1 step 2",
            "batch-begin 0.2 step 2", "batch-end 0.2 step 3",
            "epoch-end 0",
            "epoch-begin 1",
            "batch-begin 1.0 step 3", "batch-end 1.0 step 4",
            "batch-begin 1.1 step 4", "batch-end 1.1 step 5",
            "batch-begin 1.2 step 5", "batch-end 1.2 step 6",
            "epoch-end 1",
            "train-end False",
        ];
        Assert.Equal(expected, first.Calls);
        Assert.Equal(expected, second.Calls);
    }

    [Fact]
    public void AStopDuringABatch_EndsTrainingAfterIt_WithoutEndingThePartialEpoch()
    {
        Trainer<float, int> trainer = TrainingFixtures.Trainer(TrainingFixtures.Model());
        var recorder = new RecordingCallback { StopAtBatchEnd = context => context is { Epoch: 1, Batch: 1 } };
        trainer.Callbacks.Add(recorder);

        TrainingHistory history = trainer.Fit(Batches(), epochs: 5);

        Assert.Equal(["batch-end 1.1 step 5", "train-end True"], recorder.Calls.TakeLast(2));
        Assert.Equal([0], history.Epochs.Select(e => e.Epoch));
        Assert.True(history.StoppedEarly);
        Assert.Equal("the test asked", history.StopReason);
    }

    [Fact]
    public void TheContextGivesTheRunningLossAndTheEpochsResults()
    {
        Trainer<float, int> trainer = TrainingFixtures.Trainer(TrainingFixtures.Model());
        var seen = new List<string>();
        trainer.Callbacks.Add(new Watcher(seen));

        TrainingHistory history = trainer.Fit(Batches(), epochs: 1, validation: TrainingFixtures.Clusters(6, seed: 3));

        // During the epoch the results are not measured yet; at its end they are the history's.
        Assert.Equal("batch 0: running loss = batch loss True, val_loss NaN True, lr 0.1", seen[0]);
        Assert.Equal($"end: loss {history["loss"][0]}, val_loss {history["val_loss"][0]}, samples 12 of 12", seen[^1]);
    }

    private sealed class Watcher(List<string> seen) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context) => seen.Add(string.Create(CultureInfo.InvariantCulture,
            $"batch {context.Batch}: running loss = batch loss {context.Batch > 0 || context.Loss == context.BatchLoss}, " +
            $"val_loss NaN {double.IsNaN(context.Metrics["val_loss"])}, lr {context.LearningRate}"));

        public void OnEpochEnd(TrainingContext context) => seen.Add(
            $"end: loss {context.Metrics["loss"]}, val_loss {context.Metrics["val_loss"]}, samples {context.EpochSamples} of {context.SamplesPerEpoch}");
    }

    [Fact]
    public void EarlyStopping_StopsAfterPatienceEpochsWithoutImprovement_AndRestoresTheBestEpochsWeights()
    {
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new ScriptedMetric("score", 5, 3, 4, 3.5, 1));
        var recorder = new RecordingCallback { Weights = () => model.Parameters.ToArray() };
        var stopping = new EarlyStopping { Monitor = "score", Patience = 2 };
        trainer.Callbacks.Add(recorder);
        trainer.Callbacks.Add(stopping);

        TrainingHistory history = trainer.Fit(Batches(), epochs: 10);

        Assert.Equal([0, 1, 2, 3], history.Epochs.Select(e => e.Epoch));
        Assert.Equal("score has not improved for 2 epochs (best 3 at epoch 1)", history.StopReason);
        Assert.Equal((3.0, 1, 3), (stopping.Best, stopping.BestEpoch, stopping.StoppedEpoch));
        Assert.True(stopping.RestoredBestWeights);
        Assert.Equal(recorder.EpochWeights[1], model.Parameters.ToArray());
    }

    [Fact]
    public void EarlyStopping_RestoresTheBestWeights_AlsoWhenTrainingRunsToItsLastEpoch()
    {
        // Keras's EarlyStopping(restore_best_weights=True) restores only when it stops training; here
        // the best epoch (1) is followed by worse ones that never exhaust the patience.
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new ScriptedMetric("score", 5, 1, 2, 3));
        var recorder = new RecordingCallback { Weights = () => model.Parameters.ToArray() };
        var stopping = new EarlyStopping { Monitor = "score", Patience = 5 };
        trainer.Callbacks.Add(recorder);
        trainer.Callbacks.Add(stopping);

        TrainingHistory history = trainer.Fit(Batches(), epochs: 4);

        Assert.False(history.StoppedEarly);
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(-1, stopping.StoppedEpoch);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.True(stopping.RestoredBestWeights);
        Assert.NotEqual(recorder.EpochWeights[3], recorder.EpochWeights[1]);
        Assert.Equal(recorder.EpochWeights[1], model.Parameters.ToArray());
    }

    [Fact]
    public void EarlyStopping_OnAnAccuracy_WantsItHigher_AndKeepsTheLastWeightsWhenAskedTo()
    {
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new ScriptedMetric("accuracy", 0.5, 0.7, 0.6, 0.6));
        var recorder = new RecordingCallback { Weights = () => model.Parameters.ToArray() };
        var stopping = new EarlyStopping { Monitor = "accuracy", Patience = 2, RestoreBestWeights = false };
        trainer.Callbacks.Add(recorder);
        trainer.Callbacks.Add(stopping);

        trainer.Fit(Batches(), epochs: 10);

        Assert.Equal((0.7, 1, 3), (stopping.Best, stopping.BestEpoch, stopping.StoppedEpoch));
        Assert.False(stopping.RestoredBestWeights);
        Assert.Equal(recorder.EpochWeights[3], model.Parameters.ToArray());
    }

    [Fact]
    public void MonitoringAValueTheRunDoesNotRecord_IsExplained()
    {
        Trainer<float, int> trainer = TrainingFixtures.Trainer(TrainingFixtures.Model());
        trainer.Callbacks.Add(new EarlyStopping());

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(Batches(), epochs: 2));

        Assert.Equal(
            "EarlyStopping: it monitors 'val_loss', but this training run records 'loss'; give Fit validation data (or a validation split), or monitor a training value.",
            error.Message);
    }

    [Fact]
    public void SaveBestCheckpoint_HoldsTheBestEpochsWeights_WithItsEpochAndStep()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "best.safetensors");
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new ScriptedMetric("score", 3, 1, 2));
        var recorder = new RecordingCallback { Weights = () => model.Parameters.ToArray() };
        var save = new SaveBestCheckpoint(path) { Monitor = "score" };
        trainer.Callbacks.Add(recorder);
        trainer.Callbacks.Add(save);

        trainer.Fit(Batches(), epochs: 3);

        Assert.Equal(1, save.SavedEpoch);
        LinearTestModel loaded = TrainingFixtures.Model();
        Checkpoint.Load(loaded, path);
        Assert.Equal(recorder.EpochWeights[1], loaded.Parameters.ToArray());
        // A full training checkpoint: resuming continues with epoch 2 and the optimizer's 7th step.
        var optimizer = new Precast.Optimizers.Sgd<float>(loaded, new() { LearningRate = 0.1 });
        TrainingPosition position = TrainingCheckpoint.Load(path, loaded, optimizer);
        Assert.Equal(new TrainingPosition(2, 0, 6), position);
        Assert.Equal(6, optimizer.StepCount);
    }

    [Fact]
    public void StopOnNonFiniteLoss_StopsAtTheFirstNaN_NamingEpochBatchAndStep()
    {
        Dataset<float, int> data = TrainingFixtures.Clusters(12);
        float[] inputs = data.Inputs.ToArray();
        inputs[9 * TrainingFixtures.Inputs] = float.NaN; // sample 9: the third batch of 4
        var poisoned = Dataset.FromArrays(inputs, data.Targets, [TrainingFixtures.Inputs], TrainingFixtures.Classes);
        Trainer<float, int> trainer = TrainingFixtures.Trainer(TrainingFixtures.Model());
        var stop = new StopOnNonFiniteLoss();
        trainer.Callbacks.Add(stop);

        TrainingHistory history = trainer.Fit(new Batcher<float, int>(poisoned, 4, shuffle: false), epochs: 3);

        Assert.True(history.StoppedEarly);
        Assert.Empty(history.Epochs);
        Assert.Equal("the loss was NaN at epoch 0, batch 2 of 3 (optimizer step 3; epochs and batches count from 0, steps from 1)", history.StopReason);
        Assert.Equal(history.StopReason, stop.Reason);
    }

    [Fact]
    public void LearningRateScheduler_PerEpoch_SetsTheScheduledRateBeforeEachEpoch_AlsoWhenResuming()
    {
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model, learningRate: 0.8);
        var schedule = new StepDecay(stepSize: 2, gamma: 0.5);
        trainer.Callbacks.Add(new LearningRateScheduler(schedule));

        TrainingHistory history = trainer.Fit(Batches(), epochs: 5, initialEpoch: 1);

        Assert.Equal([0.8, 0.4, 0.4, 0.2], history.Epochs.Select(e => e.LearningRate));
    }

    [Fact]
    public void LearningRateScheduler_PerStep_SetsEachStepsRateFromTheStepCount()
    {
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model, learningRate: 0.5);
        var schedule = new LinearWarmup(steps: 4);
        var rates = new List<double>();
        trainer.Callbacks.Add(new LearningRateScheduler(schedule, ScheduleTiming.PerStep));
        trainer.Callbacks.Add(new RateRecorder(rates));

        trainer.Fit(Batches(), epochs: 2);

        Assert.Equal(Enumerable.Range(0, 6).Select(step => schedule.LearningRate(step, 0.5)), rates);
        Assert.NotEqual(rates[0], rates[3]);
    }

    private sealed class RateRecorder(List<double> rates) : ITrainingCallback
    {
        public void OnBatchBegin(TrainingContext context) => rates.Add(context.LearningRate);
    }

    [Fact]
    public void ReduceLearningRateOnPlateau_CutsTheRateWhenTheMonitoredValueStalls()
    {
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model, learningRate: 0.4);
        trainer.Metrics.Add(new ScriptedMetric("score", 3, 2, 2, 2, 2, 2));
        var plateau = new ReduceLearningRateOnPlateau(new ReduceOnPlateau(trainer.Optimizer) { Patience = 1, Factor = 0.5 }, monitor: "score");
        trainer.Callbacks.Add(plateau);

        TrainingHistory history = trainer.Fit(Batches(), epochs: 6);

        // Epochs 2 and 3 do not improve on 2: the second bad epoch exceeds the patience and cuts; then again at 5.
        Assert.Equal([3, 5], plateau.CutEpochs);
        // Each epoch records the rate it trained with; a cut at its end shows from the next epoch on.
        Assert.Equal([0.4, 0.4, 0.4, 0.4, 0.2, 0.2], history.Epochs.Select(e => e.LearningRate));
        Assert.Equal(0.1, trainer.Optimizer.LearningRate, 15);
    }

    [Fact]
    public void CsvHistoryWriter_WritesAHeaderAndOneLinePerEpoch_AndAppendsWhenResuming()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "history.csv");
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new ScriptedMetric("a, b", 0.25, 0.5, 0.75));
        trainer.Callbacks.Add(new CsvHistoryWriter(path));
        TrainingHistory first = trainer.Fit(Batches(), epochs: 2);

        trainer.Callbacks[0] = new CsvHistoryWriter(path, append: true);
        trainer.Fit(Batches(), epochs: 3, initialEpoch: 2);

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Equal("epoch,loss,\"a, b\",learning_rate,seconds", lines[0]);
        string[] fields = lines[1].Split(',');
        Assert.Equal(["0", first["loss"][0].ToString("R", CultureInfo.InvariantCulture), "0.25", "0.1"], fields[..4]);
        Assert.True(double.Parse(fields[4], CultureInfo.InvariantCulture) >= 0);
        Assert.StartsWith("1,", lines[2]);
        Assert.StartsWith("2,", lines[3]);

        trainer.Metrics.Clear();
        var mismatch = Assert.Throws<InvalidOperationException>(() => trainer.Fit(Batches(), epochs: 4, initialEpoch: 3));
        Assert.Contains("has the columns 'epoch,loss,\"a, b\",learning_rate,seconds', but this run writes 'epoch,loss,learning_rate,seconds'", mismatch.Message);
    }

    [Fact]
    public void ProgressReporter_ReportsEveryIntervalAndTheLastBatch_ThenTheEpochsResults()
    {
        Trainer<float, int> trainer = TrainingFixtures.Trainer(TrainingFixtures.Model());
        var reports = new List<TrainingProgress>();
        trainer.Callbacks.Add(new ProgressReporter(new ListProgress(reports)) { BatchInterval = 2 });

        TrainingHistory history = trainer.Fit(Batches(), epochs: 2, validation: TrainingFixtures.Clusters(6, seed: 3));

        Assert.Equal([(0, 2, false), (0, 3, false), (0, 3, true), (1, 2, false), (1, 3, false), (1, 3, true)],
            reports.Select(r => (r.Epoch, r.Batch, r.IsEpochEnd)));
        Assert.All(reports, r => Assert.Equal((2, 3, 0.1), (r.Epochs, r.BatchesPerEpoch, r.LearningRate)));
        Assert.All(reports, r => Assert.True(r.SamplesPerSecond > 0));
        Assert.Equal(history["loss"][1], reports[^1].Loss);
        Assert.Equal(history["val_loss"][1], reports[^1].Metrics!["val_loss"]);
        Assert.Equal(history["val_loss"][0], reports[2].Metrics!["val_loss"]);
    }

    /// <summary>Reports synchronously, as a console display would.</summary>
    private sealed class ListProgress(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
