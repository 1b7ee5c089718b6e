using System.Diagnostics;
using FashionMnist;
using Precast;
using Precast.Checkpoints;
using Precast.Data;
using Precast.Metrics;
using Precast.Optimizers;

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
var optimizer = new Adam<float>(model, new() { LearningRate = options.LearningRate });
var batches = new Batcher<float, int>(train, options.BatchSize, shuffle: true, seed: options.Seed);
Console.WriteLine(model.Summary());
Console.WriteLine();

var progress = new Progress(batches.BatchesPerEpoch);
var clock = Stopwatch.StartNew();
for (int epoch = 1; epoch <= options.Epochs; epoch++)
{
    progress.StartEpoch(epoch, options.Epochs);
    foreach (var batch in batches.Epoch(epoch))
    {
        float loss = model.TrainStep(batch.Inputs, batch.Targets);
        optimizer.Step();
        progress.Report(batch.Index + 1, batch.Count, loss);
    }
    progress.EndTraining();
    EvaluationResult epochTest = Evaluation.Evaluate(model, test.Inputs, test.Targets);
    progress.EndEpoch($"test loss {epochTest.Loss:F4}, accuracy {epochTest.Accuracy:F4}");
}
Console.WriteLine($"trained {options.Epochs} epochs in {clock.Elapsed.TotalSeconds:F1} s");

// Save, then evaluate a fresh model loaded from the checkpoint: what an application would ship.
Checkpoint.Save(model, options.CheckpointPath);
ITrainable<float, int> restored = create(256, 0);
Checkpoint.Load(restored, options.CheckpointPath);
Console.WriteLine($"saved the weights to {Path.GetFullPath(options.CheckpointPath)} and loaded them into a new model");

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
