namespace Precast.Benchmarks.Compare;

/// <summary>One timed operation on one network: its mode, batch size and median time of one call in microseconds.</summary>
/// <param name="Network">The network's <see cref="Benchmarks.Network.Name"/>.</param>
/// <param name="Mode"><see cref="Forward"/>, <see cref="Train"/> or <see cref="TrainMallocTuned"/>.</param>
/// <param name="Batch">Samples per call.</param>
/// <param name="Microseconds">The median time of one call.</param>
public sealed record Measurement(string Network, string Mode, int Batch, double Microseconds)
{
    /// <summary>Inference: a forward pass without gradients. The name torch_compare.py prints.</summary>
    public const string Forward = "forward";

    /// <summary>A training step: forward, loss, backward and the optimizer's update. The name torch_compare.py prints.</summary>
    public const string Train = "train";

    /// <summary>
    /// PyTorch's training step again, with glibc's malloc keeping freed memory instead of returning
    /// it to the kernel (torch_compare.py's keep_freed_memory). Only torch_compare.py measures it.
    /// </summary>
    public const string TrainMallocTuned = "train_malloc_tuned";

    /// <summary>The median of <paramref name="network"/>'s <paramref name="mode"/> at <paramref name="batch"/> among <paramref name="measurements"/>, or null.</summary>
    public static double? Find(IEnumerable<Measurement> measurements, string network, string mode, int batch) =>
        measurements.FirstOrDefault(m => m.Network == network && m.Mode == mode && m.Batch == batch)?.Microseconds;
}
