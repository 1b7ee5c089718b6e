namespace Precast.Benchmarks.Compare;

/// <summary>
/// Prints the side-by-side times in Markdown, so they can be pasted into benchmarks/RESULTS.md as
/// they are. Ratios are the other library's time over Precast's: above 1 means Precast is faster.
/// </summary>
public static class ResultTable
{
    /// <summary>
    /// One row per Precast measurement; <paramref name="torch"/> and <paramref name="onnxRuntime"/>
    /// are empty when that library could not run, and a row they did not measure shows n/a.
    /// </summary>
    public static void Print(TextWriter writer, IReadOnlyList<Network> networks, IReadOnlyList<Measurement> precast,
        IReadOnlyList<Measurement> torch, IReadOnlyList<Measurement> onnxRuntime)
    {
        writer.WriteLine("| Model | Batch | Mode | Precast µs | PyTorch µs | ONNX Runtime µs | PyTorch/Precast | ONNX Runtime/Precast |");
        writer.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (Network network in networks)
        {
            foreach (Measurement row in precast.Where(m => m.Network == network.Name))
            {
                double? torchTime = Measurement.Find(torch, row.Network, row.Mode, row.Batch);
                double? onnxTime = Measurement.Find(onnxRuntime, row.Network, row.Mode, row.Batch);
                string mode = row.Mode == Measurement.Train ? "train step" : row.Mode;
                writer.WriteLine($"| {network.Title} | {row.Batch} | {mode} | {Format.Microseconds(row.Microseconds)} | " +
                    $"{Format.Microseconds(torchTime)} | {Format.Microseconds(onnxTime)} | " +
                    $"{Format.Ratio(torchTime, row.Microseconds)} | {Format.Ratio(onnxTime, row.Microseconds)} |");
            }
        }
        PrintTunedTorch(writer, networks, precast, torch);
    }

    // The table shows PyTorch as it runs by default; its training step is also shown with glibc's
    // malloc keeping freed memory, so a reader can tell Precast's lead from an allocator effect.
    private static void PrintTunedTorch(TextWriter writer, IReadOnlyList<Network> networks, IReadOnlyList<Measurement> precast,
        IReadOnlyList<Measurement> torch)
    {
        var rows = new List<string>();
        foreach (Network network in networks)
        {
            Measurement? tuned = torch.FirstOrDefault(m => m.Network == network.Name && m.Mode == Measurement.TrainMallocTuned);
            Measurement? train = precast.FirstOrDefault(m => m.Network == network.Name && m.Mode == Measurement.Train && m.Batch == tuned?.Batch);
            if (tuned is not null && train is not null)
            {
                rows.Add($"| {network.Title} | {tuned.Batch} | {Format.Microseconds(train.Microseconds)} | {Format.Microseconds(tuned.Microseconds)} | " +
                    $"{Format.Ratio(tuned.Microseconds, train.Microseconds)} |");
            }
        }
        if (rows.Count == 0)
            return;
        writer.WriteLine();
        writer.WriteLine("PyTorch's train step again with glibc's malloc keeping freed memory (mallopt, as jemalloc or tcmalloc would; " +
            "by default glibc trims freed memory back to the kernel, and the next step page-faults it in again):");
        writer.WriteLine();
        writer.WriteLine("| Model | Batch | Precast µs | PyTorch µs, malloc tuned | PyTorch/Precast |");
        writer.WriteLine("|---|---:|---:|---:|---:|");
        foreach (string row in rows)
            writer.WriteLine(row);
    }
}
