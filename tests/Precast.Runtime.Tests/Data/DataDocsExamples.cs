using Precast.Data;
using Precast.Data.Csv;
using Precast.Data.Images;
using Precast.Data.Transforms;
using Precast.Metrics;
using Precast.Optimizers;
using Precast.Runtime.Tests.Optimizers;
using StbImageWriteSharp;

namespace Precast.Runtime.Tests.Data;

/// <summary>
/// The examples of docs/data.md, compiled and run. Each ```csharp block of the page must appear in
/// this file line for line (indentation aside), so the page cannot show code that does not compile.
/// Examples that read relative paths ("iris.csv", "flowers/train") get those files written into the
/// test's working directory first.
/// </summary>
public sealed class DataDocsExamples
{

    [Fact]
    public void Every_csharp_block_of_the_page_is_in_this_file() => DocsExamples.AssertEveryBlockIsIn("data.md", minimumBlocks: 7);

    [FullFashionMnistFact]
    public void A_first_loop()
    {
        ITrainable<float, int> model = new LinearTestModel(inputLength: 784, classes: 10, maxBatch: 64);
        IOptimizer optimizer = new Sgd<float>(model, new() { LearningRate = 0.1 });
        int epochs = 1;

        var (train, test) = Dataset.FromIdxDirectory("/usr/share/datasets/fashion-mnist");
        var (fit, validation) = train.SplitStratified(validationFraction: 0.1, seed: 42);
        var batches = new Batcher<float, int>(fit, batchSize: 64, seed: 42);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var batch in batches.Epoch(epoch))
            {
                model.TrainStep(batch.Inputs, batch.Targets);
                optimizer.Step();
            }
            EvaluationResult score = Evaluation.Evaluate(model, validation.Inputs, validation.Targets);
            Console.WriteLine($"epoch {epoch}: validation loss {score.Loss:F4}, accuracy {score.Accuracy:P1}");
        }

        Assert.Equal((60000, 10000, 6000), (train.Count, test.Count, validation.Count));
        Assert.True(Evaluation.Evaluate(model, test.Inputs, test.Targets).Accuracy > 0.7);
    }

    [Fact]
    public void Datasets_from_arrays()
    {
        float[] inputs = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f];
        int[] labels = [0, 1, 1];
        Dataset<float, int> data = Dataset.FromArrays(inputs, labels, sampleShape: [2], classCount: 2);

        double[] x = [1, 2, 3, 4];
        double[] y = [0.5, 1.5];
        Dataset<double, double> regression = Dataset.FromTargets<double, double>(x, y, sampleShape: [2], targetLength: 1);

        Assert.Equal((3, 2), (data.Count, data.ClassCount));
        Assert.Equal([3.0, 4.0], regression.GetSample(1).ToArray());
    }

    [Fact]
    public void Csv()
    {
        using var files = new WorkingDirectoryFiles();
        files.Write("iris.csv", "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n");

        CsvReadResult<float, int> iris = CsvDataset.Read<float, int>("iris.csv", new CsvOptions
        {
            InputColumns = ["sepal_length", "sepal_width", "petal_length", "petal_width"],
            TargetColumns = ["species"],
            ClassCount = 3,
        });
        Dataset<float, int> flowers = iris.Data;

        Assert.Equal([0, 2], flowers.Targets);
    }

    [Fact]
    public void Images_and_prefetching()
    {
        using var files = new WorkingDirectoryFiles();
        files.Png("flowers/train/daisy/1.png", 64, 64, ColorComponents.RedGreenBlue);
        files.Png("flowers/train/rose/1.png", 64, 64, ColorComponents.RedGreenBlue);
        files.Png("flowers/train/rose/2.png", 64, 64, ColorComponents.RedGreenBlue);
        files.Png("digits/a.png", 28, 28, ColorComponents.Grey);
        files.Write("labels.csv", "file,label\ndigits/a.png,7\n");
        ITrainable<float, int> model = new LinearTestModel(inputLength: 3 * 64 * 64, classes: 2, maxBatch: 32);
        IOptimizer optimizer = new Sgd<float>(model, new() { LearningRate = 0.01 });
        CancellationToken cancellationToken = CancellationToken.None;

        ImageFiles flowers = ImageFiles.FromDirectory("flowers/train", sampleShape: [3, 64, 64]);
        IReadOnlyList<string> classes = flowers.ClassNames;
        ImageFiles listed = ImageFiles.FromCsv("labels.csv", pathColumn: "file", labelColumn: "label", sampleShape: [1, 28, 28]);
        Dataset<float, int> decoded = listed.Load();

        var augmented = new Batcher<float, int>(flowers, batchSize: 32, seed: 7, transform: new RandomHorizontalFlip());
        using (Prefetcher<float, int> prefetched = augmented.Prefetch(depth: 2))
        {
            foreach (var batch in prefetched.Epoch(0, cancellationToken))
            {
                model.TrainStep(batch.Inputs, batch.Targets);
                optimizer.Step();
            }
        }

        Assert.Equal(["daisy", "rose"], classes);
        Assert.Equal(1, decoded.Count);
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void Augmentation_and_normalization()
    {
        var (fit, validation) = Dataset.FromIdxDirectory(FashionMnistFiles.ShippedDirectory).Train.SplitStratified(0.1, seed: 42);

        Normalize standardize = Normalize.Fit(fit);
        var augment = new Compose(new RandomCrop(padding: 4), new RandomHorizontalFlip(), new GaussianNoise(0.01), standardize);
        var cifarBatches = new Batcher<float, int>(fit, batchSize: 128, seed: 1, transform: augment);
        var validationBatches = new Batcher<float, int>(validation, batchSize: 128, shuffle: false, transform: standardize);

        // Fashion-MNIST's published statistics: mean 0.286, standard deviation 0.353.
        Assert.Equal(0.286, standardize.Mean[0], 0.01);
        Assert.Equal(0.353, standardize.StandardDeviation[0], 0.01);
        double sum = 0, squares = 0;
        int values = 0;
        foreach (var batch in validationBatches.Epoch(0))
        {
            foreach (float value in batch.Inputs)
            {
                sum += value;
                squares += value * value;
                values++;
            }
        }
        Assert.InRange(sum / values, -0.05, 0.05);
        Assert.InRange(Math.Sqrt(squares / values), 0.95, 1.05);
        Assert.Equal(71, cifarBatches.BatchesPerEpoch);
    }

    [Fact]
    public void Your_own_source()
    {
        var batches = new Batcher<double, double>(new Sines(), batchSize: 100, seed: 3).Prefetch();

        int samples = 0;
        foreach (var batch in batches.Epoch(0))
            samples += batch.Count;
        batches.Dispose();

        Assert.Equal(1000, samples);
        Assert.Equal(Math.Sin(0.01 * 5 + 0.1 * 2), Dataset.FromSource(new Sines()).GetSample(5)[2]);
    }

    sealed class Sines : ISampleSource<double, double>
    {
        private readonly int[] _shape = [16];

        public int Count => 1000;
        public ReadOnlySpan<int> SampleShape => _shape;
        public int SampleLength => 16;
        public int TargetLength => 1;

        public void Read(int index, Span<double> input, Span<double> target)
        {
            for (int t = 0; t < input.Length; t++)
                input[t] = Math.Sin(0.01 * index + 0.1 * t);
            target[0] = Math.Sin(0.01 * index + 1.6);
        }
    }

    /// <summary>
    /// Files written relative to the working directory (the test's output folder), as the examples
    /// name them, and deleted afterwards. The tests using it are in this class, which xunit runs
    /// one test at a time.
    /// </summary>
    private sealed class WorkingDirectoryFiles : IDisposable
    {
        private readonly List<string> _written = [];

        public void Write(string relative, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(relative))!);
            File.WriteAllText(relative, text);
            _written.Add(relative);
        }

        public void Png(string relative, int height, int width, ColorComponents components)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(relative))!);
            int channels = components == ColorComponents.Grey ? 1 : 3;
            byte[] pixels = [.. Enumerable.Range(0, height * width * channels).Select(i => (byte)(i * 7))];
            using (FileStream file = File.Create(relative))
                new ImageWriter().WritePng(pixels, width, height, components, file);
            _written.Add(relative);
        }

        public void Dispose()
        {
            foreach (string relative in _written)
                File.Delete(relative);
            foreach (string folder in new[] { "flowers", "digits" }.Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
        }
    }
}
