using BenchmarkDotNet.Attributes;
using Precast.Optimizers;

namespace Precast.Benchmarks;

/// <summary>Gradient clipping by global 2-norm over 2^20 float gradients: the compensated double sum and the scaling.</summary>
[MemoryDiagnoser]
[Config(typeof(ZeroAllocationConfig))]
public class ClippingBenchmarks
{
    private const int Count = 1 << 20;

    private float[] gradients = null!;

    /// <summary>Gradients of norm about 3, so a limit of 1e6 never clips and the buffer stays the same between calls.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        gradients = new float[Count];
        for (int i = 0; i < Count; i++)
            gradients[i] = (random.NextSingle() - 0.5f) * 1e-2f;
    }

    /// <summary>The norm, without scaling (the limit is never reached).</summary>
    [Benchmark]
    public double ClipByNorm() => GradientClipping.ClipByNorm<float>(gradients, maxNorm: 1e6);
}
