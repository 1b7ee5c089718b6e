namespace Precast.Benchmarks.Compare;

/// <summary>The files torch_compare.py writes for <see cref="EquivalenceCheck"/>.</summary>
/// <param name="Initial">The initial state_dict, which Precast loads with Checkpoint.Load.</param>
/// <param name="Expected">The input batch, labels and PyTorch's outputs (and loss) on them.</param>
/// <param name="After">The gradients and running statistics after a training-mode pass, under the state_dict's names; null when dropout makes training-mode results random.</param>
/// <param name="Batch">The samples in the check's batch.</param>
public sealed record EquivalenceFiles(string Initial, string Expected, string? After, int Batch);
