namespace Precast.Benchmarks.Compare;

/// <summary>Times a generated network: forward at batch 1 and 64, training step at batch 64.</summary>
public static class PrecastTiming
{
    /// <summary>The three measurements of <paramref name="network"/>, in the order the table shows them.</summary>
    public static IReadOnlyList<Measurement> Measure(Network network)
    {
        var workload = new ModelWorkload(network);
        return
        [
            new(network.Name, Measurement.Forward, 1, MedianTimer.MedianMicroseconds(() => workload.ForwardOne(), TimingBudget.Network)),
            new(network.Name, Measurement.Forward, ModelWorkload.FullBatch, MedianTimer.MedianMicroseconds(() => workload.ForwardFull(), TimingBudget.Network)),
            new(network.Name, Measurement.Train, ModelWorkload.FullBatch, MedianTimer.MedianMicroseconds(() => workload.TrainFull(), TimingBudget.Network)),
        ];
    }
}
