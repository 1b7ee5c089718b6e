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
    /// 1x1 64→16 on 14×14, DW32 depthwise 3×3 "same" on 32 channels of 28×28.
    /// </summary>
    private static readonly Dictionary<string, Conv2DGeometry> Layers = new()
    {
        ["LeNet1"] = Conv2DGeometry.Create(1, 32, 32, 6, 5, 5),
        ["LeNet2"] = Conv2DGeometry.Create(6, 14, 14, 16, 5, 5),
        ["Res16"] = Conv2DGeometry.Same(16, 28, 28, 16, 3, 3),
        ["Res32"] = Conv2DGeometry.Same(32, 14, 14, 32, 3, 3),
        ["1x1"] = Conv2DGeometry.Create(64, 14, 14, 16, 1, 1),
        ["DW32"] = Conv2DGeometry.Same(32, 28, 28, 32, 3, 3, groups: 32),
    };

    private Conv2DGeometry geometry;
    private float[] x = [], weight = [], bias = [], y = [], dy = [], dx = [], dWeight = [], dBias = [], columns = [];

    /// <summary>Every layer with every algorithm that takes it: "layer/algorithm".</summary>
    public static IEnumerable<string> Cases()
    {
        foreach ((string name, Conv2DGeometry g) in Layers)
        {
            yield return name + "/im2col";
            if (g.KernelHeight == 1 && g.KernelWidth == 1)
                yield return name + "/pointwise";
            yield return name + (g.Groups == g.InChannels && g.Groups > 1 ? "/depthwise" : "/direct");
        }
    }

    /// <summary>The layer and algorithm.</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    /// <summary>Samples per call.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    private string algorithm = "";

    /// <summary>Allocates the tensors once, outside the measurements.</summary>
    [GlobalSetup]
    public void Setup()
    {
        geometry = Layers[Case[..Case.IndexOf('/')]];
        algorithm = Case[(Case.IndexOf('/') + 1)..];
        var tensors = new ConvolutionTensors(geometry, Batch);
        (x, weight, bias, y, dy, dx, dWeight, dBias, columns) =
            (tensors.X, tensors.Weight, tensors.Bias, tensors.Y, tensors.Dy, tensors.Dx, tensors.DWeight, tensors.DBias, tensors.Columns);
    }

    /// <summary>The forward pass with bias.</summary>
    [Benchmark]
    public float Forward()
    {
        RunForward();
        return y[0];
    }

    /// <summary>A training step's three calls: forward, data gradient, parameter gradients.</summary>
    [Benchmark]
    public float Train()
    {
        RunForward();
        switch (algorithm)
        {
            case "im2col":
                Im2ColConvolution.BackwardData<float>(dy, weight, dx, columns, geometry, Batch, accumulate: false);
                Im2ColConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, columns, geometry, Batch);
                break;
            case "pointwise":
                PointwiseConvolution.BackwardData<float>(dy, weight, dx, geometry, Batch, accumulate: false);
                PointwiseConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, geometry, Batch);
                break;
            case "depthwise":
                DepthwiseConvolution.BackwardData<float>(dy, weight, dx, geometry, Batch, accumulate: false);
                DepthwiseConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, geometry, Batch);
                break;
            default:
                DirectConvolution.BackwardData<float>(dy, weight, dx, geometry, Batch, accumulate: false);
                DirectConvolution.BackwardWeights<float>(x, dy, dWeight, dBias, geometry, Batch);
                break;
        }
        return dx[0] + dWeight[0];
    }

    private void RunForward()
    {
        switch (algorithm)
        {
            case "im2col": Im2ColConvolution.Forward<float>(x, weight, bias, y, columns, geometry, Batch); break;
            case "pointwise": PointwiseConvolution.Forward<float>(x, weight, bias, y, geometry, Batch); break;
            case "depthwise": DepthwiseConvolution.Forward<float>(x, weight, bias, y, geometry, Batch); break;
            default: DirectConvolution.Forward<float>(x, weight, bias, y, geometry, Batch); break;
        }
    }
}
