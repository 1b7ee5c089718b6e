using Precast.Data;

namespace Precast.Runtime.Tests.Data;

/// <summary>The factories and splits added beside FromArrays and FromIdx (see <see cref="DatasetTests"/>).</summary>
public sealed class DatasetFactoryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_stratified_split_keeps_each_classs_share_and_follows_the_documented_draws()
    {
        // Classes of 50, 30 and 20 samples, interleaved.
        int[] labels = [.. Enumerable.Range(0, 100).Select(i => i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2)];
        float[] inputs = [.. Enumerable.Range(0, 100).Select(i => (float)i)];
        Dataset<float, int> data = Dataset.FromArrays(inputs, labels, [1], classCount: 3);

        (Dataset<float, int> train, Dataset<float, int> validation) = data.SplitStratified(0.1, seed: 5);

        Assert.Equal([5, 3, 2], Enumerable.Range(0, 3).Select(c => validation.Targets.Count(label => label == c)));
        Assert.Equal([45, 27, 18], Enumerable.Range(0, 3).Select(c => train.Targets.Count(label => label == c)));
        Assert.Equal(Enumerable.Range(0, 100), train.Inputs.Concat(validation.Inputs).Select(value => (int)value).Order());
        Assert.Equal(validation.Inputs.Order(), validation.Inputs);
        Assert.Equal(ExpectedStratifiedValidation(labels, 3, 0.1, 5), validation.Inputs.Select(value => (int)value));
    }

    [Fact]
    public void A_stratified_split_is_the_same_for_the_same_seed_and_different_for_another()
    {
        Dataset<float, int> data = DatasetTests.Numbered(count: 200, sampleLength: 1);

        float[] first = data.SplitStratified(0.25, 1).Validation.Inputs;

        Assert.Equal(first, data.SplitStratified(0.25, 1).Validation.Inputs);
        Assert.NotEqual(first, data.SplitStratified(0.25, 2).Validation.Inputs);
    }

    [Fact]
    public void A_stratified_split_needs_class_labels()
    {
        Dataset<float, int> unlabelled = Dataset.FromTargets<float, int>([1, 2], [0, 1], [1]);
        Dataset<float, int> rows = Dataset.FromArrays<float>([1, 2], [0, 1, 1, 0], [1], classCount: 2, labelsPerSample: 2);

        Assert.Contains("the dataset has no class count", Assert.Throws<ArgumentException>(() => unlabelled.SplitStratified(0.5, 0)).Message);
        Assert.Contains("the dataset has 2 labels per sample", Assert.Throws<ArgumentException>(() => rows.SplitStratified(0.5, 0)).Message);
        Assert.Contains("gives 0 validation and 10 training samples",
            Assert.Throws<ArgumentOutOfRangeException>(() => DatasetTests.Numbered(10, 1).SplitStratified(0.04, 0)).Message);
    }

    [Fact]
    public void FromTargets_holds_target_vectors_of_any_type()
    {
        Dataset<double, double> data = Dataset.FromTargets<double, double>([1, 2, 3, 4, 5, 6], [0.5, 1.5, 2.5, 3.5], [3], targetLength: 2);

        Assert.Equal(2, data.Count);
        Assert.Equal([2.5, 3.5], data.GetTarget(1).ToArray());
        Assert.Equal(0, data.ClassCount);
        Assert.Contains("'targets' has 3 values, not a whole number of samples of 2",
            Assert.Throws<ArgumentException>(() => Dataset.FromTargets<float, float>([1, 2], [1, 2, 3], [1], targetLength: 2)).Message);
        Assert.Contains("'inputs' has 5 values; expected 2 samples (one per 2 targets) of 3 values (shape [3]) = 6",
            Assert.Throws<ArgumentException>(() => Dataset.FromTargets<float, float>(new float[5], [1, 2, 3, 4], [3], targetLength: 2)).Message);
    }

    [Fact]
    public void Several_labels_per_sample_are_checked_and_batched_together()
    {
        Dataset<float, int> data = Dataset.FromArrays<float>([1, 2, 3], [0, 1, 2, 0, 1, 2], [1], classCount: 3, labelsPerSample: 2);
        var batcher = new Batcher<float, int>(data, batchSize: 2, shuffle: false);

        var targets = new List<int[]>();
        foreach (var batch in batcher.Epoch(0))
            targets.Add(batch.Targets.ToArray());

        Assert.Equal([[0, 1, 2, 0], [1, 2]], targets);
        Assert.Contains("'labels' has 3 at index 1",
            Assert.Throws<ArgumentException>(() => Dataset.FromArrays<float>([1], [0, 3], [1], classCount: 3, labelsPerSample: 2)).Message);
    }

    [Fact]
    public void Subset_copies_the_samples_at_the_indices_in_order()
    {
        Dataset<float, int> data = DatasetTests.Numbered(count: 5, sampleLength: 2);

        Dataset<float, int> subset = data.Subset([4, 0, 4]);

        Assert.Equal([4f, 4.5f, 0, 0.5f, 4, 4.5f], subset.Inputs);
        Assert.Equal([4, 0, 4], subset.Targets);
        Assert.Contains("'indices' has 5 at position 1; expected a sample in [0, 5)",
            Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([0, 5])).Message);
    }

    [Fact]
    public void FromSource_reads_every_sample_and_checks_labels_against_the_class_count()
    {
        var source = new PrefetcherTests.HookedSource(DatasetTests.Numbered(count: 12, sampleLength: 3));

        Dataset<float, int> copy = Dataset.FromSource(source, classCount: 10);

        Assert.Equal(DatasetTests.Numbered(12, 3).Inputs, copy.Inputs);
        Assert.Equal(10, copy.ClassCount);
        Assert.Contains("sample 5 has label 5; expected a class in [0, 5)",
            Assert.Throws<InvalidDataException>(() => Dataset.FromSource(source, classCount: 5)).Message);
    }

    [Fact]
    public void FromIdxDirectory_loads_both_sets_taking_gzip_or_plain_files()
    {
        IdxFile.Write(_directory.File("train-images-idx3-ubyte.gz"), [2, 1, 2], [0, 255, 51, 0], gzip: true);
        IdxFile.Write(_directory.File("train-labels-idx1-ubyte"), [2], [3, 4], gzip: false);
        IdxFile.Write(_directory.File("t10k-images-idx3-ubyte"), [1, 1, 2], [255, 255], gzip: false);
        IdxFile.Write(_directory.File("t10k-labels-idx1-ubyte.gz"), [1], [9], gzip: true);

        var (train, test) = Dataset.FromIdxDirectory(_directory.Path);

        Assert.Equal([0f, 1, 0.2f, 0], train.Inputs);
        Assert.Equal([3, 4], train.Targets);
        Assert.Equal([1, 1, 2], train.SampleShape.ToArray());
        Assert.Equal([9], test.Targets);
    }

    [Fact]
    public void FromIdxDirectory_names_the_missing_file_under_both_names()
    {
        IdxFile.Write(_directory.File("train-images-idx3-ubyte"), [1, 1, 1], [0], gzip: false);

        var error = Assert.Throws<FileNotFoundException>(() => Dataset.FromIdxDirectory(_directory.Path));

        Assert.Contains($"directory '{_directory.Path}' has neither 'train-labels-idx1-ubyte' nor 'train-labels-idx1-ubyte.gz'", error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Dataset.FromIdxDirectory(_directory.File("absent")));
    }

    [Fact]
    public void FromIdxDirectory_loads_the_shipped_fashion_mnist_subset_in_one_line()
    {
        var (train, test) = Dataset.FromIdxDirectory(FashionMnistFiles.ShippedDirectory);

        Assert.Equal((10000, 2000), (train.Count, test.Count));
        Assert.Equal([1, 28, 28], test.SampleShape.ToArray());
    }

    /// <summary>The documented procedure, written out: per class, Fisher–Yates with one generator, the first share to validation.</summary>
    private static int[] ExpectedStratifiedValidation(int[] labels, int classes, double fraction, ulong seed)
    {
        var validation = new List<int>();
        Rng rng = Rng.ForStream(seed, ulong.MaxValue);
        for (int c = 0; c < classes; c++)
        {
            int[] members = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] == c)];
            for (int i = members.Length - 1; i > 0; i--)
            {
                int j = rng.NextInt32(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }
            validation.AddRange(members.Take((int)Math.Round(members.Length * fraction, MidpointRounding.AwayFromZero)));
        }
        return [.. validation.Order()];
    }
}
