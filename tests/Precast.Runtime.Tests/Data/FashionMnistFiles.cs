namespace Precast.Runtime.Tests.Data;

/// <summary>
/// Where Debian's dataset-fashion-mnist package puts the real data. Tests that use it return early
/// when it is absent, so the suite also runs on machines without it.
/// </summary>
internal static class FashionMnistFiles
{
    public const string Directory = "/usr/share/datasets/fashion-mnist";

    public static bool Available => System.IO.Directory.Exists(Directory);

    public static string TrainImages => Path.Combine(Directory, "train-images-idx3-ubyte.gz");

    public static string TrainLabels => Path.Combine(Directory, "train-labels-idx1-ubyte.gz");

    public static string TestImages => Path.Combine(Directory, "t10k-images-idx3-ubyte.gz");

    public static string TestLabels => Path.Combine(Directory, "t10k-labels-idx1-ubyte.gz");
}
