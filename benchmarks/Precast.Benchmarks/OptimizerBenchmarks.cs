using BenchmarkDotNet.Attributes;
using Precast.Optimizers;

namespace Precast.Benchmarks;

/// <summary>
/// One <c>Step</c> of each optimizer over 2^20 float parameters (a model of a million weights), and
/// gradient clipping by global norm over the same buffer. Each must report 0 B allocated. The buffers
/// (parameters, gradients and up to three state buffers: 20 MB for AMSGrad) exceed the caches, so the
/// steps measure memory bandwidth as much as arithmetic.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ZeroAllocationConfig))]
public class OptimizerBenchmarks
{
    private const int Count = 1 << 20;

    private float[] parameters = null!;
    private float[] gradients = null!;
    private IOptimizer<float> optimizer = null!;

    /// <summary>The optimizer and its configuration.</summary>
    [Params("Sgd", "SgdMomentum", "Adam", "AdamWAmsgrad", "RmsPropCentered", "Adagrad", "Adadelta", "NAdam", "RAdam")]
    public string Optimizer { get; set; } = "Sgd";

    /// <summary>Fills the buffers and builds the optimizer once, outside the measurements.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        parameters = new float[Count];
        gradients = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            parameters[i] = random.NextSingle() - 0.5f;
            gradients[i] = (random.NextSingle() - 0.5f) * 1e-2f;
        }
        optimizer = Optimizer switch
        {
            "Sgd" => new Sgd<float>(Count, new SgdOptions { LearningRate = 1e-3 }),
            "SgdMomentum" => new Sgd<float>(Count, new SgdOptions { LearningRate = 1e-3, Momentum = 0.9, WeightDecay = 5e-4 }),
            "Adam" => new Adam<float>(Count, new AdamOptions()),
            "AdamWAmsgrad" => new Adam<float>(Count, new AdamOptions { WeightDecay = 0.01, DecoupledWeightDecay = true, Amsgrad = true }),
            "RmsPropCentered" => new RmsProp<float>(Count, new RmsPropOptions { Momentum = 0.9, Centered = true }),
            "Adagrad" => new Adagrad<float>(Count, new AdagradOptions()),
            "Adadelta" => new Adadelta<float>(Count, new AdadeltaOptions()),
            "NAdam" => new NAdam<float>(Count, new NAdamOptions()),
            "RAdam" => new RAdam<float>(Count, new RAdamOptions()),
            _ => throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "unknown optimizer"),
        };
    }

    /// <summary>One update of every parameter.</summary>
    [Benchmark]
    public void Step() => optimizer.Step(parameters, gradients);
}
