using System.Diagnostics;
using FashionMnist;
using Precast;
using Precast.Checkpoints;
using Precast.Data;
using Precast.Metrics;
using Precast.Optimizers;
using Precast.Schedules;
using Precast.Training;

Options options;
try
{
    options = Options.Parse(args);
}
catch (FormatException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

Dataset<float, int> train, test;
try
{
    train = Dataset.FromIdx(DataFile(options.DataDirectory, "train-images-idx3-ubyte"), DataFile(options.DataDirectory, "train-labels-idx1-ubyte"));
    test = Dataset.FromIdx(DataFile(options.DataDirectory, "t10k-images-idx3-ubyte"), DataFile(options.DataDirectory, "t10k-labels-idx1-ubyte"));
}
catch (Exception error) when (error is IOException or InvalidDataException)
{
    Console.Error.WriteLine($"Cannot read the data: {error.Message}");
    return 1;
}
Console.WriteLine($"Fashion-MNIST from {options.DataDirectory}: {train.Count:N0} training and {test.Count:N0} test images");

// Each model is a class the generator completes; the rest of the program sees only the interface
// every generated model implements.
Func<int, ulong, ITrainable<float, int>> create = options.Model switch
{
    "residual" => (maxBatch, seed) => new ResidualMlp(maxBatch, seed),
    "lenet" => (maxBatch, seed) => new LeNet(maxBatch, seed),
    "resnet" => (maxBatch, seed) => new ResNet(maxBatch, seed),
    "inception" => (maxBatch, seed) => new Inception(maxBatch, seed),
    _ => (maxBatch, seed) => new FashionMlp(maxBatch, seed),
};
ITrainable<float, int> model = create(options.BatchSize, options.Seed);
Recipe recipe = options.Recipe;
var adam = new AdamOptions { LearningRate = recipe.LearningRate, WeightDecay = recipe.WeightDecay, DecoupledWeightDecay = true };
var trainer = Trainer.Create(model, new Adam<float>(model, adam, ParameterGroup.NoDecay(adam)));
trainer.Metrics.Add(new Accuracy(classes: 10));
trainer.Callbacks.Add(new StopOnNonFiniteLoss());
// Cosine annealing per epoch, from --lr towards zero: the last epochs refine instead of bouncing
// around the minimum at a constant rate.
trainer.Callbacks.Add(new LearningRateScheduler(new CosineAnnealing(maxSteps: recipe.Epochs)));
trainer.Callbacks.Add(new ProgressReporter(new ConsoleProgress()));
var batches = new Batcher<float, int>(train, options.BatchSize, shuffle: true, seed: options.Seed, transform: recipe.Augment.Transform());
Console.WriteLine(model.Summary());
Console.WriteLine();
Console.WriteLine($"{recipe.Epochs} epoch{(recipe.Epochs == 1 ? "" : "s")} of {options.BatchSize}-image batches; Adam{(recipe.WeightDecay > 0 ? $"W, weight decay {recipe.WeightDecay}," : "")} from learning rate {recipe.LearningRate} annealed to 0; augmentation: {recipe.Augment.Text()}");

// The test set is measured after every epoch (as "val_" results) to show how training goes; it
// chooses nothing, so the final test accuracy stays an honest estimate.
var clock = Stopwatch.StartNew();
TrainingHistory history = trainer.Fit(batches, recipe.Epochs, validation: test);
Console.WriteLine($"trained {history.Epochs.Count} epoch{(history.Epochs.Count == 1 ? "" : "s")} in {clock.Elapsed.TotalSeconds:F1} s");
if (history.StopReason is not null)
    Console.WriteLine($"stopped early: {history.StopReason}");

// Save, then evaluate a fresh model loaded from the checkpoint: what an application would ship.
Checkpoint.Save(model, options.CheckpointPath);
ITrainable<float, int> restored = create(256, 0);
Checkpoint.Load(restored, options.CheckpointPath);
Console.WriteLine($"saved the weights to {Path.GetFullPath(options.CheckpointPath)} and loaded them into a new model");
if (history.Epochs.Count > 0)
{
    string plot = Path.ChangeExtension(options.CheckpointPath, ".png");
    HistoryPlot.Save(history, plot);
    Console.WriteLine($"plotted the loss and accuracy of each epoch in {Path.GetFullPath(plot)}");
}

EvaluationResult result = Evaluation.Evaluate(restored, test.Inputs, test.Targets);
Console.WriteLine($"test loss: {result.Loss:F4}");
Console.WriteLine($"test accuracy: {result.Accuracy:F4}");
return 0;

// The data set's files are named as Zalando distributes them, gzip-compressed or not.
static string DataFile(string directory, string name)
{
    string compressed = Path.Combine(directory, name + ".gz");
    return File.Exists(compressed) ? compressed : Path.Combine(directory, name);
}
