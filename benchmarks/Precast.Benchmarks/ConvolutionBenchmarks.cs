using BenchmarkDotNet.Attributes;
using Precast.Kernels;

namespace Precast.Benchmarks;

/// <summary>
/// The convolution algorithms side by side on the same layers, in float: LeNet's two layers, two
/// ResNet-style 3×3 layers, a 1×1 layer and a depthwise 3×3 layer, each with every algorithm that
/// takes it, at batch 1 and 64, forward alone and a training step's three calls (forward, data
/// gradient, parameter gradients). The generator's choice of algorithm rests on these numbers (see
/// <see cref="DirectConvolution"/>):
/// <code>dotnet run -c Release --project benchmarks/Precast.Benchmarks -- --filter '*Convolution*' --job short</code>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ZeroAllocationConfig))]
public class ConvolutionBenchmarks
{
    /// <summary>
    /// The layers, by short name (BenchmarkDotNet cuts longer parameters): LeNet1 1→6 5×5 on 32×32,
    /// LeNet2 6→16 5×5 on 14×14, Res16 16→16 3×3 "same" on 28×28, Res32 32→32 3×3 "same" on 14×14,
    /// 1x1 64→16 on 14×14, DW32 depthwise 3×3 "same" on 32 channels of 28×28, and the two sides of the
    /// direct-loop rule: Stem 1→16 3×3 "same" on 28×28 (the ResNet's first layer, im2col) and Few6
    /// 4→6 5×5 pad 2 on 28×28 (few filters, a 5×5 kernel: direct loops).
    /// </summary>
    private static readonly Dictionary<string, Conv2DGeometry> Layers = new()
    {
        ["LeNet1"] = Conv2DGeometry.Create(1, 32, 32, 6, 5, 5),
        ["LeNet2"] = Conv2DGeometry.Create(6, 14, 14, 16, 5, 5),
        ["Res16"] = Conv2DGeometry.Same(16, 28, 28, 16, 3, 3),
        ["Res32"] = Conv2DGeometry.Same(32, 14, 14, 32, 3, 3),
        ["1x1"] = Conv2DGeometry.Create(64, 14, 14, 16, 1, 1),
        ["DW32"] = Conv2DGeometry.Same(32, 28, 28, 32, 3, 3, groups: 32),
        ["Stem"] = Conv2DGeometry.Same(1, 28, 28, 16, 3, 3),
        ["Few6"] = Conv2DGeometry.Create(4, 28, 28, 6, 5, 5, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2),
    };

    private ConvolutionWork work = null!;
    private ConvolutionKernel kernel;

    /// <summary>Every layer with every algorithm that takes it (<see cref="ConvolutionWork.Kernels"/>): "layer/algorithm".</summary>
    public static IEnumerable<string> Cases() =>
        Layers.SelectMany(layer => ConvolutionWork.Kernels(layer.Value).Select(kernel => $"{layer.Key}/{kernel}"));

    /// <summary>The layer and algorithm.</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    /// <summary>Samples per call.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>Allocates the tensors once, outside the measurements.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split('/');
        work = new ConvolutionWork(Layers[parts[0]], hasBias: true, Batch);
        kernel = Enum.Parse<ConvolutionKernel>(parts[1]);
    }

    /// <summary>The forward pass with bias.</summary>
    [Benchmark]
    public float Forward() => work.Forward(kernel);

    /// <summary>A training step's three calls: forward, data gradient, parameter gradients.</summary>
    [Benchmark]
    public float Train() => work.Forward(kernel) + work.Backward(kernel);
}
