using Precast.Kernels;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// Times Precast's kernels alone, to say what limits a network: the forward pass of its largest
/// convolutions on their own geometry, and a large matrix product (the sgemm figure) for the
/// machine's attainable speed.
/// </summary>
public static class LayerTiming
{
    /// <summary>The batches each layer is timed at: the batch-1 inference and the batch of the training step.</summary>
    public static readonly int[] Batches = [1, ModelWorkload.FullBatch];

    /// <summary>
    /// Each of <paramref name="network"/>'s <see cref="Network.LargestLayers"/> at every batch of
    /// <see cref="Batches"/>, through <see cref="Im2ColConvolution.Forward{T}"/> as the generated model calls it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A listed layer is not in the generated model as described.</exception>
    public static IReadOnlyList<LayerMeasurement> Measure(Network network)
    {
        var measurements = new List<LayerMeasurement>();
        ITrainable<float, int> model = network.Create(1, 1);
        foreach (ConvolutionLayer layer in network.LargestLayers)
        {
            CheckAgainst(model, network, layer);
            Conv2DGeometry geometry = layer.Geometry;
            foreach (int batch in Batches)
            {
                float[] x = Random(batch * geometry.InputLength, seed: 4);
                float[] weight = Random(geometry.WeightLength, seed: 5);
                float[] bias = layer.HasBias ? Random(geometry.OutChannels, seed: 6) : [];
                var y = new float[batch * geometry.OutputLength];
                var columns = new float[Im2ColConvolution.ColumnsLength(geometry)];
                double microseconds = MedianTimer.MedianMicroseconds(
                    () => Im2ColConvolution.Forward<float>(x, weight, bias, y, columns, geometry, batch));
                measurements.Add(new LayerMeasurement(network.Name, layer.Name, batch, microseconds));
            }
        }
        return measurements;
    }

    // The geometries in Networks.cs are written by hand from the model's declaration: the weight's
    // name and shape, and whether there is a bias, must be the generated model's.
    private static void CheckAgainst(ITrainable<float, int> model, Network network, ConvolutionLayer layer)
    {
        ParameterTensor? weight = model.ParameterTensors.FirstOrDefault(tensor => tensor.Name == layer.WeightName);
        bool hasBias = model.ParameterTensors.Any(tensor => tensor.Name == layer.Name + ".bias");
        if (weight is null || !weight.Shape.AsSpan().SequenceEqual(layer.WeightShape) || hasBias != layer.HasBias)
        {
            throw new InvalidOperationException(
                $"Networks.cs ({network.Name}): layer '{layer.Name}' is declared with weight [{string.Join(", ", layer.WeightShape)}] " +
                $"and {(layer.HasBias ? "a" : "no")} bias, but {model.ModelName} has " +
                (weight is null ? $"no parameter '{layer.WeightName}'" : $"'{weight.Name}' {weight.ShapeText} and {(hasBias ? "a" : "no")} bias") +
                "; correct the layer in Networks.cs.");
        }
    }

    /// <summary>The median time of <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/> of two <paramref name="size"/>² matrices.</summary>
    public static double SgemmMicroseconds(int size)
    {
        float[] a = Random(size * size, seed: 7);
        float[] b = Random(size * size, seed: 8);
        var c = new float[size * size];
        return MedianTimer.MedianMicroseconds(() => Gemm.Multiply<float>(a, b, c, size, size, size, accumulate: false));
    }

    /// <summary>Billions of floating-point operations per second: two (a multiply and an add) per multiply-add.</summary>
    public static double Gigaflops(double multiplies, double microseconds) => 2 * multiplies / (microseconds * 1e3);

    private static float[] Random(int length, ulong seed)
    {
        var rng = new Rng(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = rng.NextSingle() - 0.5f;
        return values;
    }
}
