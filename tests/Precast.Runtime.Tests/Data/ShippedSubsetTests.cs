using System.Runtime.CompilerServices;
using Precast.Data;

namespace Precast.Runtime.Tests.Data;

/// <summary>The Fashion-MNIST subset shipped with the sample in samples/FashionMnist/data.</summary>
public sealed class ShippedSubsetTests
{
    private static string DataDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "samples", "FashionMnist", "data"));

    [Theory]
    [InlineData("train", 10000)]
    [InlineData("t10k", 2000)]
    public void The_shipped_subset_loads_with_every_class(string prefix, int count)
    {
        Dataset data = Load(prefix);

        Assert.Equal(count, data.Count);
        Assert.Equal([1, 28, 28], data.SampleShape);
        Assert.Equal(Enumerable.Range(0, 10), data.Labels.Distinct().Order());
    }

    [Theory]
    [InlineData("train")]
    [InlineData("t10k")]
    public void The_shipped_subset_is_the_first_samples_of_the_full_set(string prefix)
    {
        if (!FashionMnistFiles.Available)
            return;
        Dataset subset = Load(prefix);

        Dataset full = Dataset.FromIdx(
            Path.Combine(FashionMnistFiles.Directory, $"{prefix}-images-idx3-ubyte.gz"),
            Path.Combine(FashionMnistFiles.Directory, $"{prefix}-labels-idx1-ubyte.gz"));

        Assert.Equal(full.Labels[..subset.Count], subset.Labels);
        Assert.True(full.Inputs.AsSpan(0, subset.Inputs.Length).SequenceEqual(subset.Inputs));
    }

    private static Dataset Load(string prefix) => Dataset.FromIdx(
        Path.Combine(DataDirectory(), $"{prefix}-images-idx3-ubyte.gz"),
        Path.Combine(DataDirectory(), $"{prefix}-labels-idx1-ubyte.gz"));
}
