using Precast.Data;
using Precast.Metrics;
using Precast.Optimizers;
using Precast.Runtime.Tests.Optimizers;
using Precast.Training;

namespace Precast.Runtime.Tests.Training;

/// <summary>
/// What Fit, Evaluate and Predict compute, checked against the plain loop and the functions they
/// stand for, and how they refuse what does not fit the model.
/// </summary>
public sealed class TrainerTests
{
    private static float[] HandWrittenLoop(Dataset<float, int> data, int epochs, int batchSize, ulong seed)
    {
        LinearTestModel model = TrainingFixtures.Model();
        var sgd = new Sgd<float>(model, new() { LearningRate = 0.1 });
        var batches = new Batcher<float, int>(data, batchSize, shuffle: true, seed);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var batch in batches.Epoch(epoch))
            {
                model.TrainStep(batch.Inputs, batch.Targets);
                sgd.Step();
            }
        }
        return model.Parameters.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fit_GivesTheWeightsOfTheHandWrittenLoop_WithOrWithoutMetrics(bool withMetrics)
    {
        Dataset<float, int> data = TrainingFixtures.Clusters(30);
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        if (withMetrics)
            trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes));

        trainer.Fit(new Batcher<float, int>(data, batchSize: 8, shuffle: true, seed: 5), epochs: 3);

        Assert.Equal(HandWrittenLoop(data, epochs: 3, batchSize: 8, seed: 5), model.Parameters.ToArray());
    }

    [Fact]
    public void Fit_RecordsTheTrainingLossAndMetricsOfEveryEpoch_AndTheLossFalls()
    {
        Dataset<float, int> data = TrainingFixtures.Clusters(60);
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes));
        var perBatch = new List<(double Loss, int Samples)>();
        trainer.Callbacks.Add(new BatchLosses(perBatch));

        TrainingHistory history = trainer.Fit(new Batcher<float, int>(data, batchSize: 8, seed: 2), epochs: 4);

        Assert.Equal(["loss", "accuracy"], history.Names);
        Assert.Equal([0, 1, 2, 3], history.Epochs.Select(e => e.Epoch));
        Assert.False(history.StoppedEarly);
        Assert.Null(history.StopReason);
        // The epoch's loss is the mean of its batch losses weighted by their samples (8 batches: 7 of 8 and one of 4).
        var firstEpoch = perBatch.Take(8).ToArray();
        Assert.Equal(firstEpoch.Sum(b => b.Loss * b.Samples) / 60, history["loss"][0], 12);
        double[] losses = history["loss"];
        Assert.True(losses[3] < losses[0] / 2, string.Join(", ", losses));
        Assert.Equal(1.0, history["accuracy"][3]);
        Assert.All(history.Epochs, e => Assert.Equal(0.1, e.LearningRate));
    }

    private sealed class BatchLosses(List<(double, int)> losses) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context) => losses.Add((context.BatchLoss, context.BatchSamples));
    }

    [Fact]
    public void Fit_ValidatesOnTheValidationData_AsEvaluateWould()
    {
        Dataset<float, int> train = TrainingFixtures.Clusters(40, seed: 1);
        Dataset<float, int> validation = TrainingFixtures.Clusters(15, seed: 2);
        LinearTestModel model = TrainingFixtures.Model(maxBatch: 8);
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes));

        TrainingHistory history = trainer.Fit(new Batcher<float, int>(train, 8, seed: 3), epochs: 2, validation);

        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Names);
        EvaluationResult expected = Evaluation.Evaluate(model, validation.Inputs, validation.Targets);
        Assert.Equal(expected.Loss, history["val_loss"][1], 6);
        Assert.Equal(expected.Accuracy, history["val_accuracy"][1]);
        MetricValues evaluated = trainer.Evaluate(validation);
        Assert.Equal(history["val_loss"][1], evaluated["loss"]);
        Assert.Equal(history["val_accuracy"][1], evaluated["accuracy"]);
        Assert.True(model.IsTraining, "Fit leaves the model in the mode it found it in");
    }

    [Fact]
    public void Fit_WithAValidationSplit_HoldsOutTheSamplesDatasetSplitChooses()
    {
        Dataset<float, int> data = TrainingFixtures.Clusters(40);
        LinearTestModel model = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);

        TrainingHistory history = trainer.Fit(data, epochs: 2, batchSize: 8, validationSplit: 0.25, seed: 9);

        var (train, validation) = data.Split(0.25, seed: 9);
        LinearTestModel reference = TrainingFixtures.Model();
        var referenceTrainer = TrainingFixtures.Trainer(reference);
        referenceTrainer.Fit(new Batcher<float, int>(train, 8, shuffle: true, seed: 9), epochs: 2);
        Assert.Equal(reference.Parameters.ToArray(), model.Parameters.ToArray());
        Assert.Equal(Evaluation.Evaluate(model, validation.Inputs, validation.Targets).Loss, history["val_loss"][1], 6);
    }

    [Fact]
    public void Fit_ResumedAtALaterEpoch_ContinuesAsOneRunWould()
    {
        Dataset<float, int> data = TrainingFixtures.Clusters(30);
        LinearTestModel whole = TrainingFixtures.Model();
        TrainingFixtures.Trainer(whole).Fit(new Batcher<float, int>(data, 8, seed: 4), epochs: 4);

        LinearTestModel resumed = TrainingFixtures.Model();
        Trainer<float, int> trainer = TrainingFixtures.Trainer(resumed);
        trainer.Fit(new Batcher<float, int>(data, 8, seed: 4), epochs: 2);
        var recorder = new RecordingCallback();
        trainer.Callbacks.Add(recorder);
        TrainingHistory second = trainer.Fit(new Batcher<float, int>(data, 8, seed: 4), epochs: 4, initialEpoch: 2);

        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal([2, 3], second.Epochs.Select(e => e.Epoch));
        Assert.Equal("train-begin 2-4", recorder.Calls[0]);
        // Steps count from epoch 0: 4 batches an epoch, so epoch 2 starts at step 8.
        Assert.Equal("batch-begin 2.0 step 8", recorder.Calls[2]);
    }

    [Fact]
    public void Fit_FromInitialEpochToEpochs_RunsNothingWhenTheyAreEqual()
    {
        LinearTestModel model = TrainingFixtures.Model();
        float[] before = model.Parameters.ToArray();
        TrainingHistory history = TrainingFixtures.Trainer(model).Fit(new Batcher<float, int>(TrainingFixtures.Clusters(10), 5), epochs: 3, initialEpoch: 3);
        Assert.Empty(history.Epochs);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void Fit_StopsAtTheNextBatchWhenCancelled_AndRestoresTheModelsMode()
    {
        LinearTestModel model = TrainingFixtures.Model();
        model.IsTraining = false;
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        using var cancellation = new CancellationTokenSource();
        var recorder = new RecordingCallback { StopAtBatchEnd = context => { if (context.Batch == 1) cancellation.Cancel(); return false; } };
        trainer.Callbacks.Add(recorder);

        Assert.Throws<OperationCanceledException>(() =>
            trainer.Fit(new Batcher<float, int>(TrainingFixtures.Clusters(40), 8), epochs: 3, cancellationToken: cancellation.Token));

        Assert.Equal("batch-end 0.1 step 2", recorder.Calls[^1]);
        Assert.False(model.IsTraining);
    }

    [Fact]
    public void Predict_GivesTheModelsPredictions_InBatchesOfItsMaxBatch()
    {
        Dataset<float, int> data = TrainingFixtures.Clusters(11);
        LinearTestModel model = TrainingFixtures.Model(maxBatch: 4);
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);

        float[] predictions = trainer.Predict(data.Inputs);

        var expected = new float[11 * TrainingFixtures.Classes];
        var single = new LinearTestModel(TrainingFixtures.Inputs, TrainingFixtures.Classes, maxBatch: 11);
        model.Parameters.CopyTo(single.Parameters);
        single.Predict(data.Inputs, expected);
        Assert.Equal(expected, predictions);
        Assert.Equal(4, model.LargestBatch);
    }

    [Fact]
    public void Evaluate_GivesTheLossAndEveryMetric()
    {
        Dataset<float, int> data = TrainingFixtures.Clusters(13);
        LinearTestModel model = TrainingFixtures.Model(maxBatch: 5);
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes));
        trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes, topK: 2));

        MetricValues values = trainer.Evaluate(data);

        EvaluationResult expected = Evaluation.Evaluate(model, data.Inputs, data.Targets);
        Assert.Equal(["loss", "accuracy", "top-2 accuracy"], values.Names);
        Assert.Equal(expected.Loss, values["loss"], 6);
        Assert.Equal(expected.Accuracy, values["accuracy"]);
        Assert.True(values["top-2 accuracy"] >= values["accuracy"]);
        Assert.False(model.ForwardRanInTraining);
    }

    [Fact]
    public void BadInputsAreNamed()
    {
        LinearTestModel model = TrainingFixtures.Model(maxBatch: 8);
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model);
        Dataset<float, int> data = TrainingFixtures.Clusters(20);
        Dataset<float, int> wide = Dataset.FromArrays(new float[10], [0, 1], sampleShape: [5], classCount: 2);

        var wrongShape = Assert.Throws<ArgumentException>(() => trainer.Fit(new Batcher<float, int>(wide, 2), epochs: 1));
        Assert.Contains("'batches' has samples of 5 values (shape [5])", wrongShape.Message);
        Assert.Contains("model 'LinearTestModel' takes 4 values", wrongShape.Message);

        var tooLarge = Assert.Throws<ArgumentException>(() => trainer.Fit(new Batcher<float, int>(data, 16), epochs: 1));
        Assert.Contains("batches hold up to 16 samples", tooLarge.Message);
        Assert.Contains("maxBatch 8", tooLarge.Message);

        var wrongValidation = Assert.Throws<ArgumentException>(() => trainer.Fit(new Batcher<float, int>(data, 8), epochs: 1, validation: wide));
        Assert.Contains("'validation' has samples of 5 values", wrongValidation.Message);

        var backwards = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(new Batcher<float, int>(data, 8), epochs: 2, initialEpoch: 3));
        Assert.Contains("'epochs' is 2, before 'initialEpoch' 3", backwards.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data, epochs: 1, batchSize: 8, validationSplit: 1));

        trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes));
        trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes));
        var twice = Assert.Throws<ArgumentException>(() => trainer.Evaluate(data));
        Assert.Contains("two metrics are named 'accuracy'", twice.Message);

        var otherModel = new LinearTestModel(3, 2, 4);
        var mismatch = Assert.Throws<ArgumentException>(() => Precast.Training.Trainer.Create<float, int>(model, new Sgd<float>(otherModel, new())));
        Assert.Contains("the optimizer updates 8 parameters, but model 'LinearTestModel' has 15", mismatch.Message);

        var predict = Assert.Throws<ArgumentException>(() => trainer.Predict(new float[6]));
        Assert.Contains("Trainer.Predict: 'inputs' has 6 values, which is not a whole number of samples of 4 values", predict.Message);
    }
}
