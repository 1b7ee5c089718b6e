using Precast.Data;

namespace Precast.Runtime.Tests.Data;

public sealed class DatasetTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void FromIdx_reads_three_dimensional_images_as_one_channel_scaled_to_unit_range()
    {
        byte[] pixels = [0, 255, 51, 102, 1, 254, /* second image */ 10, 20, 30, 40, 50, 60];
        (string images, string labels) = WriteIdx([2, 2, 3], pixels, [7, 3], gzip: true);

        Dataset<float, int> data = Dataset.FromIdx(images, labels);

        Assert.Equal(2, data.Count);
        Assert.Equal([1, 2, 3], data.SampleShape.ToArray());
        Assert.Equal(6, data.SampleLength);
        Assert.Equal(10, data.ClassCount);
        Assert.Equal([7, 3], data.Targets);
        Assert.Equal(pixels.Select(p => p / 255f), data.Inputs);
        Assert.Equal(0f, data.Inputs[0]);
        Assert.Equal(1f, data.Inputs[1]);
        Assert.Equal(0.2f, data.Inputs[2]);
    }

    [Fact]
    public void FromIdx_reads_four_dimensional_images_with_their_channels()
    {
        (string images, string labels) = WriteIdx([2, 3, 2, 2], new byte[24], [0, 1], gzip: false);

        Dataset<float, int> data = Dataset.FromIdx(images, labels, classCount: 2);

        Assert.Equal([3, 2, 2], data.SampleShape.ToArray());
        Assert.Equal(12, data.SampleLength);
        Assert.Equal(2, data.ClassCount);
    }

    [Fact]
    public void FromIdx_refuses_images_with_two_dimensions()
    {
        (string images, string labels) = WriteIdx([2, 784], new byte[2 * 784], [0, 1], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels));

        Assert.Contains($"Images file '{images}' has shape [2, 784]", error.Message);
        Assert.Contains("expected 3 dimensions [count, height, width] or 4 dimensions [count, channels, height, width]", error.Message);
    }

    [Fact]
    public void FromIdx_refuses_labels_with_two_dimensions()
    {
        string images = _directory.File("images");
        string labels = _directory.File("labels");
        IdxFile.Write(images, [2, 1, 1], [0, 0], gzip: false);
        IdxFile.Write(labels, [2, 1], [0, 0], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels));

        Assert.Contains($"Labels file '{labels}' has shape [2, 1]; expected 1 dimension [count]", error.Message);
    }

    [Fact]
    public void FromIdx_names_both_files_and_both_counts_when_they_differ()
    {
        string images = _directory.File("train-images");
        string labels = _directory.File("t10k-labels");
        IdxFile.Write(images, [5, 2, 2], new byte[20], gzip: false);
        IdxFile.Write(labels, [4], new byte[4], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels));

        Assert.Contains($"Images file '{images}' holds 5 samples but labels file '{labels}' holds 4 labels", error.Message);
    }

    [Fact]
    public void FromIdx_names_the_labels_file_index_and_value_of_a_label_out_of_range()
    {
        (string images, string labels) = WriteIdx([4, 1, 1], new byte[4], [0, 9, 10, 3], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels));

        Assert.Contains($"Labels file '{labels}' has label 10 at index 2; expected a class in [0, 10)", error.Message);
    }

    [Fact]
    public void FromIdx_checks_labels_against_the_given_class_count()
    {
        (string images, string labels) = WriteIdx([3, 1, 1], new byte[3], [0, 2, 1], gzip: false);

        Assert.Equal([0, 2, 1], Dataset.FromIdx(images, labels, classCount: 3).Targets);
        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels, classCount: 2));
        Assert.Contains("label 2 at index 1; expected a class in [0, 2)", error.Message);
    }

    [Fact]
    public void FromIdx_of_a_missing_file_names_it()
    {
        (string images, _) = WriteIdx([1, 1, 1], [0], [0], gzip: false);
        string labels = _directory.File("missing-labels");

        var error = Assert.Throws<FileNotFoundException>(() => Dataset.FromIdx(images, labels));

        Assert.Equal(labels, error.FileName);
    }

    [Fact]
    public void FromArrays_keeps_the_arrays_and_copies_the_shape()
    {
        float[] inputs = [1, 2, 3, 4, 5, 6];
        int[] labels = [2, 0, 1];
        int[] shape = [2];

        Dataset<float, int> data = Dataset.FromArrays(inputs, labels, shape, classCount: 3);
        shape[0] = 99;

        Assert.Same(inputs, data.Inputs);
        Assert.Same(labels, data.Targets);
        Assert.Equal([2], data.SampleShape.ToArray());
        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.SampleLength);
        Assert.Equal([5f, 6f], data.GetSample(2).ToArray());
    }

    [Fact]
    public void FromArrays_names_the_expected_input_length()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset.FromArrays(new float[7], [0, 1], [1, 2, 2], 2));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("'inputs' has 7 values; expected 2 samples (one per label) of 4 values (shape [1, 2, 2]) = 8", error.Message);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(5, 2)]
    public void FromArrays_names_the_index_and_value_of_a_label_out_of_range(int bad, int index)
    {
        int[] labels = [0, 1, 2, 3];
        labels[index] = bad;

        var error = Assert.Throws<ArgumentException>(() => Dataset.FromArrays(new float[4], labels, [1], 5));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains($"'labels' has {bad} at index {index}; expected a class in [0, 5)", error.Message);
    }

    [Fact]
    public void FromArrays_refuses_bad_shapes_counts_and_class_counts()
    {
        Assert.Contains("'sampleShape' is empty",
            Assert.Throws<ArgumentException>(() => Dataset.FromArrays<float>([1], [0], [], 1)).Message);
        Assert.Contains("'sampleShape' [2, 0] has a dimension of 0",
            Assert.Throws<ArgumentException>(() => Dataset.FromArrays<float>([], [0], [2, 0], 1)).Message);
        Assert.Contains("'labels' is empty",
            Assert.Throws<ArgumentException>(() => Dataset.FromArrays<float>([], [], [1], 1)).Message);
        Assert.Equal("classCount",
            Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromArrays<float>([1], [0], [1], 0)).ParamName);
    }

    [Fact]
    public void Take_copies_the_first_samples()
    {
        Dataset<float, int> data = Numbered(count: 5, sampleLength: 2);

        Dataset<float, int> first = data.Take(3);
        data.Inputs[0] = -1;

        Assert.Equal(3, first.Count);
        Assert.Equal([0f, 0.5f, 1f, 1.5f, 2f, 2.5f], first.Inputs);
        Assert.Equal([0, 1, 2], first.Targets);
        Assert.Equal(data.SampleShape, first.SampleShape.ToArray());
        Assert.Equal(data.ClassCount, first.ClassCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Take_refuses_counts_outside_the_dataset(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(5, 1).Take(count));

        Assert.Equal("count", error.ParamName);
        Assert.Contains("between 1 and the dataset's 5 samples", error.Message);
    }

    [Fact]
    public void Split_puts_every_sample_in_exactly_one_part_in_original_order()
    {
        Dataset<float, int> data = Numbered(count: 100, sampleLength: 3);

        (Dataset<float, int> train, Dataset<float, int> validation) = data.Split(0.2, seed: 7);

        Assert.Equal(80, train.Count);
        Assert.Equal(20, validation.Count);
        int[] trainIds = SampleIds(train);
        int[] validationIds = SampleIds(validation);
        Assert.Equal(Enumerable.Range(0, 100), trainIds.Concat(validationIds).Order());
        Assert.Equal(trainIds.Order(), trainIds);
        Assert.Equal(validationIds.Order(), validationIds);
        Assert.Equal(trainIds.Select(id => id % 10), train.Targets);
        Assert.Equal(validationIds.Select(id => id % 10), validation.Targets);
        Assert.NotEqual(Enumerable.Range(80, 20), validationIds);
    }

    [Fact]
    public void Split_is_the_same_for_the_same_seed_and_different_for_another()
    {
        Dataset<float, int> data = Numbered(count: 200, sampleLength: 1);

        int[] first = SampleIds(data.Split(0.25, seed: 1).Validation);
        int[] again = SampleIds(data.Split(0.25, seed: 1).Validation);
        int[] other = SampleIds(data.Split(0.25, seed: 2).Validation);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Split_refuses_fractions_outside_zero_to_one(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10, 1).Split(fraction, 0));

        Assert.Equal("validationFraction", error.ParamName);
        Assert.Contains("greater than 0 and less than 1", error.Message);
    }

    [Fact]
    public void Split_refuses_a_fraction_that_leaves_a_part_empty()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10, 1).Split(0.01, 0));

        Assert.Contains("gives 0 validation and 10 training samples; each part needs at least one", error.Message);
    }

    // ShippedSubsetTests load the subset shipped with the sample the same way, on every machine.
    [FullFashionMnistFact]
    public void FromIdx_loads_the_full_fashion_mnist_training_set()
    {
        Dataset<float, int> train = Dataset.FromIdx(
            FashionMnistFiles.Images(FashionMnistFiles.FullDirectory, "train"),
            FashionMnistFiles.Labels(FashionMnistFiles.FullDirectory, "train"));

        Assert.Equal(60000, train.Count);
        Assert.Equal([1, 28, 28], train.SampleShape.ToArray());
        Assert.Equal(784, train.SampleLength);
        Assert.Equal(60000 * 784, train.Inputs.Length);
        Assert.All(train.Inputs, value => Assert.InRange(value, 0f, 1f));
        // Fashion-MNIST is balanced: 6,000 training images per class.
        Assert.All(train.Targets.CountBy(label => label), pair => Assert.Equal(6000, pair.Value));
    }

    /// <summary>Sample i has inputs i/2, i/2 + 0.5, ... (its first value identifies it) and label i mod 10.</summary>
    internal static Dataset<float, int> Numbered(int count, int sampleLength)
    {
        float[] inputs = new float[count * sampleLength];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < sampleLength; j++)
                inputs[i * sampleLength + j] = i * sampleLength / 2f + j / 2f;
        int[] labels = [.. Enumerable.Range(0, count).Select(i => i % 10)];
        return Dataset.FromArrays(inputs, labels, [sampleLength], classCount: 10);
    }

    /// <summary>The original index of each sample of a dataset made by <see cref="Numbered"/>.</summary>
    private static int[] SampleIds(Dataset<float, int> data) =>
        [.. Enumerable.Range(0, data.Count).Select(i => (int)(data.GetSample(i)[0] * 2 / data.SampleLength))];

    private (string Images, string Labels) WriteIdx(int[] imageShape, byte[] pixels, byte[] labels, bool gzip)
    {
        string imagesPath = _directory.File("images");
        string labelsPath = _directory.File("labels");
        IdxFile.Write(imagesPath, imageShape, pixels, gzip);
        IdxFile.Write(labelsPath, [labels.Length], labels, gzip);
        return (imagesPath, labelsPath);
    }
}
