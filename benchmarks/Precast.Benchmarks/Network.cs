namespace Precast.Benchmarks;

/// <summary>
/// A network the benchmarks measure: how to build the generated model, and which of its layers
/// the <c>compare</c> command times alone. The PyTorch side builds the same network under
/// <see cref="Name"/> (benchmarks/compare/networks.py).
/// </summary>
/// <param name="Name">The name on the command line and in networks.py: <c>mlp</c>, <c>lenet</c>, <c>resnet</c>, <c>inception</c>.</param>
/// <param name="Title">The name in reports.</param>
/// <param name="Create">Builds the model for batches up to the first argument, its weights drawn from the seed.</param>
/// <param name="LargestLayers">Its convolutions with the most multiplies per sample, one of each geometry; empty for a network without convolutions.</param>
public sealed record Network(
    string Name, string Title, Func<int, ulong, ITrainable<float, int>> Create, IReadOnlyList<ConvolutionLayer> LargestLayers)
{
    /// <summary>The classes every benchmarked network tells apart (Fashion-MNIST's).</summary>
    public const int Classes = 10;
}
