using BenchmarkDotNet.Attributes;

namespace Precast.Benchmarks;

/// <summary>
/// The generated networks' hot paths, one row per network and operation. Each must report 0 B
/// allocated: Precast allocates everything in the model's and optimizer's constructors.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ZeroAllocationConfig))]
public class NetworkBenchmarks
{
    private ModelWorkload workload = null!;

    /// <summary>The networks measured: every one in <see cref="Networks.All"/>.</summary>
    public static IEnumerable<string> NetworkNames => Networks.All.Select(network => network.Name);

    /// <summary>The network of this run (a column of the summary).</summary>
    [ParamsSource(nameof(NetworkNames))]
    public string Network { get; set; } = "";

    /// <summary>Builds the model, its optimizer and the input batches once, outside the measurements.</summary>
    [GlobalSetup]
    public void Setup() => workload = new ModelWorkload(
        Networks.Find(Network) ?? throw new InvalidOperationException($"NetworkBenchmarks: no network called '{Network}'."));

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
