namespace Precast.Benchmarks.Compare;

/// <summary>One timed operation: its mode, batch size and median time of one call in microseconds.</summary>
public sealed record Measurement(string Mode, int Batch, double Microseconds)
{
    /// <summary>Inference: a forward pass without gradients. The name torch_mlp.py prints.</summary>
    public const string Forward = "forward";

    /// <summary>A training step: forward, loss, backward and the optimizer's update. The name torch_mlp.py prints.</summary>
    public const string Train = "train";

    /// <summary>
    /// PyTorch's training step again, with glibc's malloc keeping freed memory instead of returning
    /// it to the kernel (torch_mlp.py's keep_freed_memory). Only torch_mlp.py measures it.
    /// </summary>
    public const string TrainMallocTuned = "train_malloc_tuned";
}
