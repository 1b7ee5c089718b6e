using Precast.Data;

namespace Precast.Runtime.Tests.Data;

/// <summary>The Fashion-MNIST subset shipped with the sample in samples/FashionMnist/data.</summary>
public sealed class ShippedSubsetTests
{
    [Theory]
    [InlineData("train", 10000)]
    [InlineData("t10k", 2000)]
    public void The_shipped_subset_loads_with_every_class(string prefix, int count)
    {
        Dataset<float, int> data = Load(FashionMnistFiles.ShippedDirectory, prefix);

        Assert.Equal(count, data.Count);
        Assert.Equal([1, 28, 28], data.SampleShape.ToArray());
        Assert.Equal(784, data.SampleLength);
        Assert.Equal(count * 784, data.Inputs.Length);
        Assert.InRange(data.Inputs.Min(), 0f, 1f);
        Assert.InRange(data.Inputs.Max(), 0f, 1f);
        Assert.Equal(Enumerable.Range(0, 10), data.Targets.Distinct().Order());
    }

    [FullFashionMnistTheory]
    [InlineData("train")]
    [InlineData("t10k")]
    public void The_shipped_subset_is_the_first_samples_of_the_full_set(string prefix)
    {
        Dataset<float, int> subset = Load(FashionMnistFiles.ShippedDirectory, prefix);

        Dataset<float, int> full = Load(FashionMnistFiles.FullDirectory, prefix);

        Assert.Equal(full.Targets[..subset.Count], subset.Targets);
        Assert.True(full.Inputs.AsSpan(0, subset.Inputs.Length).SequenceEqual(subset.Inputs));
    }

    private static Dataset<float, int> Load(string directory, string prefix) =>
        Dataset.FromIdx(FashionMnistFiles.Images(directory, prefix), FashionMnistFiles.Labels(directory, prefix));
}
