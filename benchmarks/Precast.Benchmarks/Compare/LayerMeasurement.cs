namespace Precast.Benchmarks.Compare;

/// <summary>One convolution timed alone: the network, the layer's name, the batch and the median time of one forward call.</summary>
public sealed record LayerMeasurement(string Network, string Layer, int Batch, double Microseconds);
