namespace Precast.Benchmarks.Compare;

/// <summary>One convolution timed alone with one algorithm at one batch.</summary>
/// <param name="Network">The network's name.</param>
/// <param name="Layer">The first of the network's layers with this geometry (<see cref="ConvolutionGroup.First"/>).</param>
/// <param name="Kernel">The algorithm.</param>
/// <param name="Batch">Samples per call.</param>
/// <param name="ForwardMicroseconds">The median time of the forward pass.</param>
/// <param name="BackwardMicroseconds">The median time of the training work after the forward pass: the data gradient where the model computes it, and the parameter gradients (<see cref="ConvolutionWork.Backward"/>).</param>
public sealed record KernelMeasurement(
    string Network, string Layer, ConvolutionKernel Kernel, int Batch, double ForwardMicroseconds, double BackwardMicroseconds);
