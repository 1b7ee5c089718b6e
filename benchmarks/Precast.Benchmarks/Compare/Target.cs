namespace Precast.Benchmarks.Compare;

/// <summary>
/// A speed target: Precast at least <see cref="Factor"/> times as fast as <see cref="Library"/> on
/// one operation of one network.
/// </summary>
/// <param name="Network">The network's name.</param>
/// <param name="Mode">The operation (<see cref="Measurement.Forward"/> or <see cref="Measurement.Train"/>).</param>
/// <param name="Batch">Its batch.</param>
/// <param name="Library">The library compared with: <see cref="PyTorch"/> or <see cref="OnnxRuntime"/>.</param>
/// <param name="Factor">The other library's time over Precast's that meets the target.</param>
public sealed record Target(string Network, string Mode, int Batch, string Library, double Factor)
{
    /// <summary>The <see cref="Library"/> of a target against PyTorch.</summary>
    public const string PyTorch = "PyTorch";

    /// <summary>The <see cref="Library"/> of a target against ONNX Runtime.</summary>
    public const string OnnxRuntime = "ONNX Runtime";

    /// <summary>
    /// The targets of issue 7 ("Samples and results"), all on one thread: batch-1 inference at least
    /// 3x faster than ONNX Runtime, and the batch-64 training step at least 5x PyTorch's speed for
    /// LeNet and 3x for the ResNet.
    /// </summary>
    public static IReadOnlyList<Target> Issue7 { get; } =
    [
        new("lenet", Measurement.Forward, 1, OnnxRuntime, 3),
        new("resnet", Measurement.Forward, 1, OnnxRuntime, 3),
        new("lenet", Measurement.Train, ModelWorkload.FullBatch, PyTorch, 5),
        new("resnet", Measurement.Train, ModelWorkload.FullBatch, PyTorch, 3),
    ];
}
