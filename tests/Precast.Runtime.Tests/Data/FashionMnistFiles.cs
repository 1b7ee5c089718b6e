using System.Runtime.CompilerServices;

namespace Precast.Runtime.Tests.Data;

/// <summary>
/// Real Fashion-MNIST IDX files in two places: the subset shipped with the sample in
/// samples/FashionMnist/data (10,000 training and 2,000 test images, always there), and the full
/// set where Debian's dataset-fashion-mnist package puts it (optional). Tests of the full set are
/// <see cref="FullFashionMnistFactAttribute"/>s: without the files they show as skipped, with the
/// reason, instead of passing without running.
/// </summary>
internal static class FashionMnistFiles
{
    /// <summary>Where the dataset-fashion-mnist package installs the full set.</summary>
    public const string FullDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The subset shipped with the sample.</summary>
    public static string ShippedDirectory { get; } = FromThisFile(Path.Combine("..", "..", "..", "samples", "FashionMnist", "data"));

    /// <summary>The images of <paramref name="prefix"/> ("train" or "t10k") in <paramref name="directory"/>.</summary>
    public static string Images(string directory, string prefix) => Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz");

    /// <summary>The labels of <paramref name="prefix"/> ("train" or "t10k") in <paramref name="directory"/>.</summary>
    public static string Labels(string directory, string prefix) => Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz");

    /// <summary>Why the tests of the full set cannot run here, or null when its four files are present.</summary>
    public static string? FullSetMissing { get; } =
        new[] { Images(FullDirectory, "train"), Labels(FullDirectory, "train"), Images(FullDirectory, "t10k"), Labels(FullDirectory, "t10k") }
            .FirstOrDefault(file => !File.Exists(file)) is string missing
            ? $"needs the full Fashion-MNIST data set, and {missing} is absent (apt-get install dataset-fashion-mnist)"
            : null;

    private static string FromThisFile(string relative, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, relative));
}

/// <summary>A fact about the full Fashion-MNIST set: skipped, with the reason, where the set is absent.</summary>
public sealed class FullFashionMnistFactAttribute : FactAttribute
{
    public FullFashionMnistFactAttribute() => Skip = FashionMnistFiles.FullSetMissing;
}

/// <summary>A theory about the full Fashion-MNIST set: skipped, with the reason, where the set is absent.</summary>
public sealed class FullFashionMnistTheoryAttribute : TheoryAttribute
{
    public FullFashionMnistTheoryAttribute() => Skip = FashionMnistFiles.FullSetMissing;
}
