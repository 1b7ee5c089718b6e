namespace Precast.Benchmarks.Compare;

/// <summary>One network as torch_compare.py built and measured it.</summary>
/// <param name="Name">The network's name.</param>
/// <param name="Multiplies">Multiply-adds of one sample's forward pass in its convolutions and dense layers.</param>
/// <param name="OnnxPath">The exported model, batch axis dynamic.</param>
/// <param name="Check">The files of the equivalence check.</param>
/// <param name="Results">The medians, in microseconds.</param>
public sealed record TorchNetwork(string Name, long Multiplies, string OnnxPath, EquivalenceFiles Check, IReadOnlyList<Measurement> Results);
