namespace Precast.Benchmarks.Compare;

/// <summary>
/// Prints what limits each network's speed: the sgemm figure (the matrix-product speed both
/// libraries reach on this machine), each network's forward pass in GFLOP/s, and its largest
/// convolutions timed alone in GFLOP/s and as a share of the sgemm figure.
/// </summary>
public static class LimitsReport
{
    /// <summary>Everything the report needs, measured in the same run.</summary>
    /// <param name="Networks">The networks of the run.</param>
    /// <param name="Precast">Precast's network measurements.</param>
    /// <param name="OnnxRuntime">ONNX Runtime's, empty when it did not run.</param>
    /// <param name="PrecastLayers">Precast's largest layers timed alone.</param>
    /// <param name="PrecastSgemm">Precast's sgemm median, microseconds.</param>
    /// <param name="Torch">PyTorch's report, null when it did not run.</param>
    public sealed record Inputs(
        IReadOnlyList<Network> Networks, IReadOnlyList<Measurement> Precast, IReadOnlyList<Measurement> OnnxRuntime,
        IReadOnlyList<LayerMeasurement> PrecastLayers, double PrecastSgemm, TorchReport? Torch);

    /// <summary>Writes the report.</summary>
    public static void Print(TextWriter writer, Inputs inputs)
    {
        const int size = CompareOptions.SgemmSize;
        double sgemmMultiplies = (double)size * size * size;
        double precastSgemm = LayerTiming.Gigaflops(sgemmMultiplies, inputs.PrecastSgemm);
        double? torchSgemm = inputs.Torch is { } report ? LayerTiming.Gigaflops((double)report.SgemmSize * report.SgemmSize * report.SgemmSize, report.SgemmMicroseconds) : null;
        writer.WriteLine($"sgemm, {size}×{size}×{size} float32 on one thread: Precast's `Gemm.Multiply` {Format.Microseconds(inputs.PrecastSgemm)} µs, " +
            $"**{Format.Gflops(precastSgemm)} GFLOP/s**; PyTorch's `torch.mm` {Format.Microseconds(inputs.Torch?.SgemmMicroseconds)} µs, " +
            $"**{Format.Gflops(torchSgemm)} GFLOP/s**.");

        writer.WriteLine();
        writer.WriteLine("Whole networks, forward in inference mode (2 × the multiply-adds of the convolutions and dense layers per sample, " +
            "as Precast's Summary() counts them, over the median time):");
        writer.WriteLine();
        writer.WriteLine("| Model | Multiplies per sample | Batch | Precast GFLOP/s | PyTorch GFLOP/s | ONNX Runtime GFLOP/s |");
        writer.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (Network network in inputs.Networks)
        {
            TorchNetwork? torch = inputs.Torch?.Find(network.Name);
            if (torch is null)
                continue;
            foreach (int batch in LayerTiming.Batches)
            {
                double multiplies = (double)torch.Multiplies * batch;
                writer.WriteLine($"| {network.Title} | {Format.Count(torch.Multiplies)} | {batch} | " +
                    $"{Speed(multiplies, Measurement.Find(inputs.Precast, network.Name, Measurement.Forward, batch))} | " +
                    $"{Speed(multiplies, Measurement.Find(torch.Results, network.Name, Measurement.Forward, batch))} | " +
                    $"{Speed(multiplies, Measurement.Find(inputs.OnnxRuntime, network.Name, Measurement.Forward, batch))} |");
            }
        }

        writer.WriteLine();
        // Always im2col: the generated model may run direct loops on the same layer (up to 160 taps and
        // 16 filters at stride 1, ConvolutionAlgorithm.cs), so the caption must not claim it is the model's call.
        writer.WriteLine("Largest convolutions alone, forward (Precast through `Im2ColConvolution.Forward`, whichever algorithm the " +
            "generated model chose for the layer, as its emitted comment says; PyTorch the same `nn.Conv2d` module under `no_grad`):");
        writer.WriteLine();
        writer.WriteLine("| Model | Layer | Shape | Batch | Precast µs | Precast GFLOP/s | of Precast's sgemm | PyTorch µs | PyTorch GFLOP/s | of PyTorch's sgemm |");
        writer.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var mismatches = new List<string>();
        foreach (Network network in inputs.Networks)
        {
            foreach (ConvolutionLayer layer in network.LargestLayers)
            {
                TorchLayer? torchLayer = inputs.Torch?.Layers.FirstOrDefault(l => l.Network == network.Name && l.Layer == layer.Name);
                if (torchLayer?.Difference(layer) is string difference)
                    mismatches.Add($"{network.Title} {layer.Name}: {difference}");
                foreach (int batch in LayerTiming.Batches)
                {
                    double multiplies = (double)layer.MultipliesPerSample * batch;
                    double? mine = inputs.PrecastLayers.FirstOrDefault(m => m.Network == network.Name && m.Layer == layer.Name && m.Batch == batch)?.Microseconds;
                    double? theirs = torchLayer?.Results.FirstOrDefault(m => m.Batch == batch)?.Microseconds;
                    double? mineSpeed = Gflops(multiplies, mine);
                    double? theirSpeed = Gflops(multiplies, theirs);
                    writer.WriteLine($"| {network.Title} | {layer.Name} | {layer.Describe()} | {batch} | " +
                        $"{Format.Microseconds(mine)} | {Format.Gflops(mineSpeed)} | {Format.Percent(mineSpeed / precastSgemm)} | " +
                        $"{Format.Microseconds(theirs)} | {Format.Gflops(theirSpeed)} | {Format.Percent(theirSpeed / torchSgemm)} |");
                }
            }
        }
        foreach (string mismatch in mismatches)
        {
            writer.WriteLine();
            writer.WriteLine($"**The layers timed differ**, so their rows do not compare: {mismatch}.");
        }
    }

    private static double? Gflops(double multiplies, double? microseconds) =>
        microseconds is double value ? LayerTiming.Gigaflops(multiplies, value) : null;

    private static string Speed(double multiplies, double? microseconds) => Format.Gflops(Gflops(multiplies, microseconds));
}
