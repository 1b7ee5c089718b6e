using Precast.Data;
using Precast.Metrics;
using Precast.Runtime.Tests.Optimizers;
using Precast.Schedules;
using Precast.Training;

namespace Precast.Runtime.Tests.Training;

/// <summary>
/// A training step inside Fit allocates nothing, with metrics, validation and the built-in
/// callbacks that act on steps. What Fit does once per call or per epoch (its result objects, the
/// history) allocates, so the test compares two runs that differ only in their number of steps:
/// the steady-state bytes of a Fit over 2 steps and of one over 40 must be the same.
/// </summary>
public sealed class TrainerAllocationTests
{
    [Fact]
    public void AStepOfFitAllocatesNothing()
    {
        LinearTestModel model = TrainingFixtures.Model(maxBatch: 8);
        Trainer<float, int> trainer = TrainingFixtures.Trainer(model, learningRate: 0.01);
        trainer.Metrics.Add(new Accuracy(TrainingFixtures.Classes));
        trainer.Callbacks.Add(new LearningRateScheduler(new CosineAnnealing(maxSteps: 1000), ScheduleTiming.PerStep));
        trainer.Callbacks.Add(new StopOnNonFiniteLoss());
        trainer.Callbacks.Add(new EarlyStopping { Monitor = "loss", Patience = 1000 });
        trainer.Callbacks.Add(new ProgressReporter(new CountingProgress()));
        Dataset<float, int> validation = TrainingFixtures.Clusters(8, seed: 2);
        var twoSteps = new Batcher<float, int>(TrainingFixtures.Clusters(16), batchSize: 8, seed: 1);
        var fortySteps = new Batcher<float, int>(TrainingFixtures.Clusters(320), batchSize: 8, seed: 1);

        Allocations.AssertNonePerStep(
            () => trainer.Fit(twoSteps, epochs: 1, validation),
            () => trainer.Fit(fortySteps, epochs: 1, validation),
            extraSteps: 38);
    }

    /// <summary>Counts reports, as a console display would draw them: without allocating.</summary>
    private sealed class CountingProgress : IProgress<TrainingProgress>
    {
        public int Reports { get; private set; }

        public void Report(TrainingProgress value) => Reports++;
    }
}
