using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// Prints the side-by-side table in Markdown, so it can be pasted into benchmarks/RESULTS.md as is.
/// Ratios are the other library's time over Precast's: above 1 means Precast is faster.
/// </summary>
public static class ResultTable
{
    private const string Model = "MLP 784-128-10";
    private const string Missing = "n/a";

    /// <summary>
    /// One row per Precast measurement; <paramref name="torch"/> and <paramref name="onnxRuntime"/>
    /// are null when that library could not run, and a row they did not measure shows n/a.
    /// </summary>
    public static void Print(TextWriter writer, IReadOnlyList<Measurement> precast,
        IReadOnlyList<Measurement>? torch, IReadOnlyList<Measurement>? onnxRuntime)
    {
        writer.WriteLine("| Model | Batch | Mode | Precast µs | PyTorch µs | ONNX Runtime µs | PyTorch/Precast | ONNX Runtime/Precast |");
        writer.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (Measurement row in precast)
        {
            double? torchTime = Find(torch, row);
            double? onnxTime = Find(onnxRuntime, row);
            string mode = row.Mode == Measurement.Train ? "train step" : row.Mode;
            writer.WriteLine($"| {Model} | {row.Batch} | {mode} | {Time(row.Microseconds)} | {Time(torchTime)} | {Time(onnxTime)} | " +
                $"{Ratio(torchTime, row.Microseconds)} | {Ratio(onnxTime, row.Microseconds)} |");
        }
        PrintTunedTorch(writer, precast, torch);
    }

    // The table shows PyTorch as it runs by default; its training step is also shown with glibc's
    // malloc keeping freed memory, so a reader can tell Precast's lead from an allocator effect.
    private static void PrintTunedTorch(TextWriter writer, IReadOnlyList<Measurement> precast, IReadOnlyList<Measurement>? torch)
    {
        Measurement? tuned = torch?.FirstOrDefault(m => m.Mode == Measurement.TrainMallocTuned);
        Measurement? train = precast.FirstOrDefault(m => m.Mode == Measurement.Train && m.Batch == tuned?.Batch);
        if (tuned is null || train is null)
            return;
        writer.WriteLine();
        writer.WriteLine($"PyTorch's train step at batch {tuned.Batch} with glibc's malloc keeping freed memory " +
            $"(mallopt, as jemalloc or tcmalloc would): {Time(tuned.Microseconds)} µs, {Ratio(tuned.Microseconds, train.Microseconds)} Precast's time " +
            "(by default glibc trims freed memory back to the kernel, and the next step page-faults it in again).");
    }

    private static double? Find(IReadOnlyList<Measurement>? measurements, Measurement like) =>
        measurements?.FirstOrDefault(m => m.Mode == like.Mode && m.Batch == like.Batch)?.Microseconds;

    private static string Time(double? microseconds) =>
        microseconds is double value ? value.ToString("N1", CultureInfo.InvariantCulture) : Missing;

    private static string Ratio(double? other, double precast) =>
        other is double value ? (value / precast).ToString("F2", CultureInfo.InvariantCulture) + "x" : Missing;
}
