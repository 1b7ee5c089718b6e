namespace Precast.Benchmarks.Compare;

/// <summary>Times Precast's generated MLP: forward at batch 1 and 64, training step at batch 64.</summary>
public static class PrecastTiming
{
    /// <summary>The three measurements, in the order the table shows them.</summary>
    public static IReadOnlyList<Measurement> Measure()
    {
        var workload = new MlpWorkload();
        return
        [
            new(Measurement.Forward, 1, MedianTimer.MedianMicroseconds(() => workload.ForwardOne())),
            new(Measurement.Forward, MlpWorkload.FullBatch, MedianTimer.MedianMicroseconds(() => workload.ForwardFull())),
            new(Measurement.Train, MlpWorkload.FullBatch, MedianTimer.MedianMicroseconds(() => workload.TrainFull())),
        ];
    }
}
