namespace Precast.Benchmarks.Compare;

/// <summary>
/// Times each convolution of a network alone, with the algorithm the generated model runs and
/// every other that takes its geometry, so the report can show whether the generator chose the
/// faster one. Algorithms of one layer and batch are timed one after the other on the same tensors.
/// </summary>
public static class ConvolutionTiming
{
    /// <summary>
    /// Every group of <see cref="ConvolutionGroup.Of"/> <paramref name="network"/>'s convolutions,
    /// at every batch of <see cref="ModelWorkload.Batches"/>, with each of its <see cref="ConvolutionGroup.Kernels"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A listed layer is not in the generated model as described.</exception>
    public static IReadOnlyList<KernelMeasurement> Measure(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        ITrainable<float, int> model = network.Create(1, 1);
        foreach (ConvolutionLayer layer in network.Convolutions)
            CheckAgainst(model, network, layer);

        var measurements = new List<KernelMeasurement>();
        foreach (ConvolutionGroup group in ConvolutionGroup.Of(network.Convolutions))
        {
            foreach (int batch in ModelWorkload.Batches)
            {
                var work = new ConvolutionWork(group.First.Geometry, group.First.HasBias, batch, group.First.InputGradient);
                foreach (ConvolutionKernel kernel in group.Kernels)
                {
                    double forward = MedianTimer.MedianMicroseconds(() => work.Forward(kernel), TimingBudget.Kernel);
                    double backward = MedianTimer.MedianMicroseconds(() => work.Backward(kernel), TimingBudget.Kernel);
                    measurements.Add(new KernelMeasurement(network.Name, group.First.Name, kernel, batch, forward, backward));
                }
            }
        }
        return measurements;
    }

    // NetworkConvolutions.cs is written by hand; BenchmarkConvolutionsTests checks it against the
    // generator, and this against the model actually built: the weight's name and shape, and the bias.
    private static void CheckAgainst(ITrainable<float, int> model, Network network, ConvolutionLayer layer)
    {
        ParameterTensor? weight = model.ParameterTensors.FirstOrDefault(tensor => tensor.Name == layer.WeightName);
        bool hasBias = model.ParameterTensors.Any(tensor => tensor.Name == layer.Name + ".bias");
        if (weight is null || !weight.Shape.AsSpan().SequenceEqual(layer.WeightShape) || hasBias != layer.HasBias)
        {
            throw new InvalidOperationException(
                $"NetworkConvolutions.cs ({network.Name}): layer '{layer.Name}' is declared with weight [{string.Join(", ", layer.WeightShape)}] " +
                $"and {(layer.HasBias ? "a" : "no")} bias, but {model.ModelName} has " +
                (weight is null ? $"no parameter '{layer.WeightName}'" : $"'{weight.Name}' {weight.ShapeText} and {(hasBias ? "a" : "no")} bias") +
                "; correct the layer in NetworkConvolutions.cs.");
        }
    }
}
