using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Precast.Kernels;

namespace Precast.Benchmarks;

/// <summary>
/// <see cref="Im2ColConvolution"/> on a batch against the same passes one sample at a time (calls with
/// batch 1, the one-sample path every batch took before samples were chunked), in float, on the
/// sample ResNet's im2col layers and LeNet's second layer, at batch 64 and 1 (at batch 1 both are the
/// same path). Each pass is timed alone, in a category of its own whose baseline is the pass one
/// sample at a time, so the ratio column is the chunks' speed-up:
/// <code>dotnet run -c Release --project benchmarks/Precast.Benchmarks -- --filter '*Im2ColChunk*' --job short</code>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ZeroAllocationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Im2ColChunkBenchmarks
{
    /// <summary>
    /// The layers: Res32 32→32 3×3 "same" on 14×14, Res64 64→64 3×3 "same" on 7×7, Down32 16→32 and
    /// Down64 32→64 3×3 stride 2 pad 1 (28→14, 14→7), Proj32 16→32 and Proj64 32→64 1×1 stride 2, LeNetC3
    /// 6→16 5×5 valid on 14×14.
    /// </summary>
    private static readonly Dictionary<string, Conv2DGeometry> Layers = new()
    {
        ["Res32"] = Conv2DGeometry.Same(32, 14, 14, 32, 3, 3),
        ["Res64"] = Conv2DGeometry.Same(64, 7, 7, 64, 3, 3),
        ["Down32"] = Conv2DGeometry.Create(16, 28, 28, 32, 3, 3, 2, 2, 1, 1, 1, 1),
        ["Down64"] = Conv2DGeometry.Create(32, 14, 14, 64, 3, 3, 2, 2, 1, 1, 1, 1),
        ["Proj32"] = Conv2DGeometry.Create(16, 28, 28, 32, 1, 1, 2, 2),
        ["Proj64"] = Conv2DGeometry.Create(32, 14, 14, 64, 1, 1, 2, 2),
        ["LeNetC3"] = Conv2DGeometry.Create(6, 14, 14, 16, 5, 5),
    };

    private Conv2DGeometry geometry;
    private float[] x = [], weight = [], bias = [], y = [], dy = [], dx = [], dWeight = [], dBias = [], columns = [];

    /// <summary>The layer's short name.</summary>
    [ParamsSource(nameof(LayerNames))]
    public string Layer { get; set; } = "";

    /// <summary>The layers' names, for <see cref="Layer"/>.</summary>
    public static IEnumerable<string> LayerNames() => Layers.Keys;

    /// <summary>Samples per call.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>Allocates the tensors once, outside the measurements.</summary>
    [GlobalSetup]
    public void Setup()
    {
        geometry = Layers[Layer];
        var tensors = new ConvolutionTensors(geometry, Batch);
        (x, weight, bias, y, dy, dx, dWeight, dBias, columns) =
            (tensors.X, tensors.Weight, tensors.Bias, tensors.Y, tensors.Dy, tensors.Dx, tensors.DWeight, tensors.DBias, tensors.Columns);
    }

    /// <summary>The forward pass with bias, one sample at a time.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Forward")]
    public float ForwardOneSampleAtATime()
    {
        int inputs = geometry.InputLength, outputs = geometry.OutputLength;
        for (int n = 0; n < Batch; n++)
            Im2ColConvolution.Forward<float>(x.AsSpan(n * inputs, inputs), weight, bias, y.AsSpan(n * outputs, outputs), columns, geometry, 1);
        return y[0];
    }

    /// <summary>The forward pass with bias on the batch.</summary>
    [Benchmark, BenchmarkCategory("Forward")]
    public float Forward()
    {
        Im2ColConvolution.Forward<float>(x, weight, bias, y, columns, geometry, Batch);
        return y[0];
    }

    /// <summary>The data gradient, one sample at a time.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("BackwardData")]
    public float BackwardDataOneSampleAtATime()
    {
        int inputs = geometry.InputLength, outputs = geometry.OutputLength;
        for (int n = 0; n < Batch; n++)
            Im2ColConvolution.BackwardData<float>(dy.AsSpan(n * outputs, outputs), weight, dx.AsSpan(n * inputs, inputs), columns, geometry, 1, accumulate: false);
        return dx[0];
    }

    /// <summary>The data gradient on the batch.</summary>
    [Benchmark, BenchmarkCategory("BackwardData")]
    public float BackwardData()
    {
        Im2ColConvolution.BackwardData<float>(dy, weight, dx, columns, geometry, Batch, accumulate: false);
        return dx[0];
    }

    /// <summary>The parameter gradients, one sample at a time.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("BackwardWeights")]
    public float BackwardWeightsOneSampleAtATime()
    {
        int inputs = geometry.InputLength, outputs = geometry.OutputLength;
        for (int n = 0; n < Batch; n++)
            Im2ColConvolution.BackwardWeights<float>(x.AsSpan(n * inputs, inputs), dy.AsSpan(n * outputs, outputs), dWeight, dBias, columns, geometry, 1);
        return dWeight[0];
    }

    /// <summary>The parameter gradients on the batch.</summary>
    [Benchmark, BenchmarkCategory("BackwardWeights")]
    public float BackwardWeights()
    {
        Im2ColConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, columns, geometry, Batch);
        return dWeight[0];
    }
}
