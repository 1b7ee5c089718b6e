namespace Precast.Benchmarks;

/// <summary>
/// A network the benchmarks measure: how to build the generated model, and its convolutions, which
/// the <c>compare</c> command also times alone. The PyTorch side builds the same network under
/// <see cref="Name"/> (benchmarks/compare/networks.py).
/// </summary>
/// <param name="Name">The name on the command line and in networks.py: <c>mlp</c>, <c>lenet</c>, <c>resnet</c>, <c>inception</c>.</param>
/// <param name="Title">The name in reports.</param>
/// <param name="Create">Builds the model for batches up to the first argument, its weights drawn from the seed.</param>
/// <param name="Convolutions">Every convolution, in the forward pass's order, with the algorithm the model runs (<see cref="NetworkConvolutions"/>); empty for a network without.</param>
public sealed record Network(
    string Name, string Title, Func<int, ulong, ITrainable<float, int>> Create, IReadOnlyList<ConvolutionLayer> Convolutions)
{
    /// <summary>The classes every benchmarked network tells apart (Fashion-MNIST's).</summary>
    public const int Classes = 10;
}
