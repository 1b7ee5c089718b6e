namespace Precast.Benchmarks.Compare;

/// <summary>Prints the equivalence checks in Markdown: the largest difference of each quantity, and the verdict.</summary>
public static class EquivalenceTable
{
    /// <summary>One row per network checked; nothing but a line saying why when there are none.</summary>
    public static void Print(TextWriter writer, IReadOnlyList<Network> networks, IReadOnlyList<EquivalenceResult> results)
    {
        if (results.Count == 0)
        {
            writer.WriteLine("Not checked: the check loads the weights PyTorch wrote, and PyTorch did not run.");
            return;
        }
        writer.WriteLine($"Precast loads PyTorch's initial state_dict with Checkpoint.Load (every name and shape must match), then both run " +
            $"the same batch; largest absolute differences (accepted: {Format.Difference(EquivalenceResult.Tolerance)}, gradients relative " +
            "to the largest gradient). Training mode is not compared where dropout draws different masks.");
        writer.WriteLine();
        writer.WriteLine("| Model | Batch | Inference output | Training output | Loss | Gradients (largest gradient) | Running statistics | Same network |");
        writer.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (Network network in networks)
        {
            EquivalenceResult? result = results.FirstOrDefault(r => r.Network == network.Name);
            if (result is null)
                continue;
            if (result.Failure is not null)
            {
                writer.WriteLine($"| {network.Title} | {result.Batch} | | | | | | **no**: {result.Failure} |");
                continue;
            }
            string gradient = result.Gradient is null ? Format.Missing
                : $"{Format.Difference(result.Gradient)} ({Format.Difference(result.GradientScale)})";
            writer.WriteLine($"| {network.Title} | {result.Batch} | {Format.Difference(result.EvalOutput)} | {Format.Difference(result.TrainOutput)} | " +
                $"{Format.Difference(result.Loss)} | {gradient} | {Format.Difference(result.State)} | {(result.Passed ? "yes" : "**no**: differences above the tolerance")} |");
        }
    }
}
