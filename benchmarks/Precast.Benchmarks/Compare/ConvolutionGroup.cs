namespace Precast.Benchmarks.Compare;

/// <summary>
/// A network's convolutions of one geometry (the ResNet's four 16-channel 3×3 layers, say): the
/// same calls on the same shapes, so they are timed once, under the first one's name.
/// </summary>
/// <param name="Layers">The layers, in the network's order; all the same but for the name.</param>
public sealed record ConvolutionGroup(IReadOnlyList<ConvolutionLayer> Layers)
{
    /// <summary>The first layer: its name stands for the group in the measurements and in PyTorch's timing.</summary>
    public ConvolutionLayer First => Layers[0];

    /// <summary>The algorithm the generated model runs first, then every other that takes the geometry.</summary>
    public IReadOnlyList<ConvolutionKernel> Kernels =>
        [First.Kernel, .. ConvolutionWork.Kernels(First.Geometry).Where(kernel => kernel != First.Kernel)];

    /// <summary>The layers' names, for the report.</summary>
    public string Names => string.Join(", ", Layers.Select(layer => layer.Name));

    /// <summary><paramref name="layers"/> grouped by everything but the name, in the order each group first appears.</summary>
    public static IReadOnlyList<ConvolutionGroup> Of(IReadOnlyList<ConvolutionLayer> layers) =>
        [.. layers.GroupBy(layer => layer with { Name = "" }).Select(group => new ConvolutionGroup([.. group]))];
}
