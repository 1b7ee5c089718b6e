namespace Precast.Benchmarks.Compare;

/// <summary>
/// Prints what limits each network's speed: the sgemm figure (the matrix-product speed both
/// libraries reach on this machine) next to the core's FMA peak, each network's forward pass in
/// GFLOP/s, and every convolution alone with each algorithm (<see cref="ConvolutionTable"/>).
/// </summary>
public static class LimitsReport
{
    /// <summary>Writes the report of <paramref name="networks"/> from the measurements in <paramref name="result"/>.</summary>
    public static void Print(TextWriter writer, IReadOnlyList<Network> networks, CompareRound result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(result);
        const int size = CompareOptions.SgemmSize;
        TorchReport? torch = result.Torch;
        double precastSgemm = Speed.Gigaflops((double)size * size * size, result.PrecastSgemm)!.Value;
        double? torchSgemm = torch is null ? null : Speed.Gigaflops((double)torch.SgemmSize * torch.SgemmSize * torch.SgemmSize, torch.SgemmMicroseconds);
        writer.WriteLine($"sgemm, {size}×{size}×{size} float32 on one thread: Precast's `Gemm.Multiply` {Format.Microseconds(result.PrecastSgemm)} µs, " +
            $"**{Format.Gflops(precastSgemm)} GFLOP/s**; PyTorch's `torch.mm` {Format.Microseconds(torch?.SgemmMicroseconds)} µs, " +
            $"**{Format.Gflops(torchSgemm)} GFLOP/s**.");
        writer.WriteLine();
        PeakFlops peak = result.Peak;
        double? widest = peak.Gigaflops512 ?? peak.Gigaflops256;
        writer.WriteLine($"The core's peak, fused multiply-adds on registers in {PeakFlops.Chains} independent chains (`PeakFlops.cs`): " +
            $"Vector256 **{Format.Gflops(peak.Gigaflops256)} GFLOP/s** (the width Precast's kernels run on), " +
            $"Vector512 **{Format.Gflops(peak.Gigaflops512)} GFLOP/s**. Precast's sgemm is {Format.Percent(precastSgemm / peak.Gigaflops256)} " +
            $"of the Vector256 peak; PyTorch's {Format.Percent(torchSgemm / widest)} of the widest.");

        writer.WriteLine();
        writer.WriteLine("Whole networks, forward in inference mode (2 × the multiply-adds of the convolutions and dense layers per sample, " +
            "as Precast's Summary() counts them, over the median time):");
        writer.WriteLine();
        writer.WriteLine("| Model | Multiplies per sample | Batch | Precast GFLOP/s | PyTorch GFLOP/s | ONNX Runtime GFLOP/s |");
        writer.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (Network network in networks)
        {
            TorchNetwork? torchNetwork = torch?.Find(network.Name);
            if (torchNetwork is null)
                continue;
            foreach (int batch in ModelWorkload.Batches)
            {
                double multiplies = (double)torchNetwork.Multiplies * batch;
                writer.WriteLine($"| {network.Title} | {Format.Count(torchNetwork.Multiplies)} | {batch} | " +
                    $"{Format.Gflops(Speed.Gigaflops(multiplies, Measurement.Find(result.Precast, network.Name, Measurement.Forward, batch)))} | " +
                    $"{Format.Gflops(Speed.Gigaflops(multiplies, Measurement.Find(torchNetwork.Results, network.Name, Measurement.Forward, batch)))} | " +
                    $"{Format.Gflops(Speed.Gigaflops(multiplies, Measurement.Find(result.OnnxRuntime, network.Name, Measurement.Forward, batch)))} |");
            }
        }

        if (networks.Any(network => network.Convolutions.Count > 0))
        {
            writer.WriteLine();
            ConvolutionTable.Print(writer, new ConvolutionTable.Inputs(networks, result.Convolutions, torch, precastSgemm, torchSgemm));
        }
    }
}
