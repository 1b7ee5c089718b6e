using BenchmarkDotNet.Attributes;

namespace Precast.Benchmarks;

/// <summary>
/// The generated MLP's hot paths. Each must report 0 B allocated: Precast allocates everything in
/// the model's and optimizer's constructors.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ZeroAllocationConfig))]
public class MlpBenchmarks
{
    private MlpWorkload workload = null!;

    /// <summary>Builds the model, its optimizer and the input batches once, outside the measurements.</summary>
    [GlobalSetup]
    public void Setup() => workload = new MlpWorkload();

    /// <summary>Forward pass of one sample.</summary>
    [Benchmark]
    public float ForwardBatch1() => workload.ForwardOne();

    /// <summary>Forward pass of 64 samples.</summary>
    [Benchmark]
    public float ForwardBatch64() => workload.ForwardFull();

    /// <summary>One training step at batch 64: forward, loss, backward, then the Adam update.</summary>
    [Benchmark]
    public float TrainStepBatch64() => workload.TrainFull();
}
