namespace Precast.Benchmarks.Compare;

/// <summary>
/// Prints every convolution alone with each algorithm that takes it, the generated model's marked,
/// so the report shows whether the generator's choice is the faster one on this machine, and how
/// close each layer runs to the sgemm figure; then how often the model's choice was the fastest.
/// </summary>
public static class ConvolutionTable
{
    /// <summary>What the table needs, measured in the same run.</summary>
    /// <param name="Networks">The networks of the run.</param>
    /// <param name="Measurements">Precast's convolutions alone (<see cref="ConvolutionTiming"/>).</param>
    /// <param name="Torch">PyTorch's report, null when it did not run.</param>
    /// <param name="PrecastSgemm">Precast's sgemm figure, GFLOP/s.</param>
    /// <param name="TorchSgemm">PyTorch's, or null.</param>
    public sealed record Inputs(
        IReadOnlyList<Network> Networks, IReadOnlyList<KernelMeasurement> Measurements, TorchReport? Torch, double PrecastSgemm, double? TorchSgemm);

    /// <summary>Writes the caption, the table and the verdicts.</summary>
    public static void Print(TextWriter writer, Inputs inputs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(inputs);
        writer.WriteLine("Each convolution alone, with the algorithm the generated model runs (**bold**: the `// Algorithm:` comment in its code, " +
            "as `NetworkConvolutions.cs` lists it and a generator test checks) and every other algorithm that takes the layer's shape; " +
            "layers of one shape are timed once. Forward adds the bias where the layer has one; training is `BackwardData` and " +
            "`BackwardWeights` together, twice the forward's multiply-adds, except for a network's first convolution: the model " +
            "computes no input gradient there, so only `BackwardWeights`, as many multiply-adds as the forward. GFLOP/s in brackets: " +
            "the share of the same library's sgemm figure. \"vs model's\": this algorithm's time over the model's algorithm's, above 1 " +
            "when the model's is faster. PyTorch: the same `nn.Conv2d` module under `no_grad`, forward only.");
        writer.WriteLine();
        writer.WriteLine("| Model | Layers | Shape | Batch | Algorithm | Forward µs | Forward GFLOP/s | Training µs | Training GFLOP/s | " +
            "Forward vs model's | Training vs model's | PyTorch forward µs | PyTorch GFLOP/s |");
        writer.WriteLine("|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var misses = new List<string>();
        var mismatches = new List<string>();
        int comparisons = 0;
        foreach (Network network in inputs.Networks)
        {
            foreach (ConvolutionGroup group in ConvolutionGroup.Of(network.Convolutions))
            {
                TorchLayer? torchLayer = inputs.Torch?.Layers.FirstOrDefault(l => l.Network == network.Name && l.Layer == group.First.Name);
                if (torchLayer?.Difference(group.First) is string difference)
                    mismatches.Add($"{network.Title} {group.First.Name}: {difference}");
                bool firstRow = true;
                foreach (int batch in ModelWorkload.Batches)
                {
                    double multiplies = (double)group.First.MultipliesPerSample * batch;
                    double backwardMultiplies = group.First.InputGradient ? 2 * multiplies : multiplies;
                    Dictionary<ConvolutionKernel, KernelMeasurement> measured = inputs.Measurements
                        .Where(m => m.Network == network.Name && m.Layer == group.First.Name && m.Batch == batch)
                        .ToDictionary(m => m.Kernel);
                    KernelMeasurement? chosen = measured.GetValueOrDefault(group.First.Kernel);
                    foreach (ConvolutionKernel kernel in group.Kernels)
                    {
                        KernelMeasurement? row = measured.GetValueOrDefault(kernel);
                        bool isChosen = kernel == group.First.Kernel;
                        double? torchTime = isChosen ? torchLayer?.Results.FirstOrDefault(m => m.Batch == batch)?.Microseconds : null;
                        string place = firstRow
                            ? $"{network.Title} | {group.Names} | {group.First.Describe()}{(group.First.InputGradient ? "" : "; no input gradient")}"
                            : " |  | ";
                        writer.WriteLine($"| {place} | {batch} | {(isChosen ? $"**{Name(kernel)}**" : Name(kernel))} | " +
                            $"{Format.Microseconds(row?.ForwardMicroseconds)} | {SpeedCell(multiplies, row?.ForwardMicroseconds, inputs.PrecastSgemm)} | " +
                            $"{Format.Microseconds(row?.BackwardMicroseconds)} | {SpeedCell(backwardMultiplies, row?.BackwardMicroseconds, inputs.PrecastSgemm)} | " +
                            $"{Against(kernel, measured, chosen, m => m.ForwardMicroseconds)} | {Against(kernel, measured, chosen, m => m.BackwardMicroseconds)} | " +
                            $"{(isChosen ? Format.Microseconds(torchTime) : "")} | {(isChosen ? SpeedCell(multiplies, torchTime, inputs.TorchSgemm) : "")} |");
                        firstRow = false;
                    }
                    if (chosen is null || measured.Count < 2)
                        continue;
                    string layer = $"{network.Title} {group.First.Name}" + (group.Layers.Count > 1 ? $" (and {group.Layers.Count - 1} more of its shape)" : "");
                    foreach ((string pass, Func<KernelMeasurement, double> time) in Passes)
                    {
                        comparisons++;
                        KernelMeasurement fastest = measured.Values.MinBy(time)!;
                        if (Faster(time(fastest), time(chosen)))
                        {
                            misses.Add($"{layer}, batch {batch}, {pass}: {Name(fastest.Kernel)} took {Format.Ratio(time(fastest), time(chosen))} " +
                                $"the time of the model's {Name(chosen.Kernel)}");
                        }
                    }
                }
            }
        }
        writer.WriteLine();
        writer.WriteLine($"The model's algorithm was the fastest in {comparisons - misses.Count} of {comparisons} comparisons " +
            "(each shape at each batch, forward and training apart; a tie within 0.5% counts as the model's, and a few percent either way can be the machine's noise, " +
            "which `--repeat N` narrows)." + (misses.Count == 0 ? "" : " Where it was not:"));
        if (misses.Count > 0)
        {
            writer.WriteLine();
            foreach (string miss in misses)
                writer.WriteLine($"- {miss}");
        }
        foreach (string mismatch in mismatches)
        {
            writer.WriteLine();
            writer.WriteLine($"**The layers timed differ**, so their PyTorch figures do not compare: {mismatch}.");
        }
    }

    private static readonly (string Pass, Func<KernelMeasurement, double> Time)[] Passes =
        [("forward", m => m.ForwardMicroseconds), ("training", m => m.BackwardMicroseconds)];

    /// <summary>
    /// The cell beside a time: on the model's algorithm whether it was the fastest, on the others
    /// their time over the model's; empty where there is nothing to compare.
    /// </summary>
    private static string Against(ConvolutionKernel kernel, IReadOnlyDictionary<ConvolutionKernel, KernelMeasurement> measured,
        KernelMeasurement? chosen, Func<KernelMeasurement, double> time)
    {
        if (chosen is null || measured.Count < 2)
            return "";
        if (kernel != chosen.Kernel)
            return measured.TryGetValue(kernel, out KernelMeasurement? other) ? Format.Ratio(time(other), time(chosen)) : Format.Missing;
        return measured.Values.Any(other => Faster(time(other), time(chosen))) ? "**not fastest**" : "fastest";
    }

    /// <summary>
    /// Whether <paramref name="time"/> beats <paramref name="chosen"/> by what the report can show:
    /// a ratio that prints as 1.00x is a tie, and a tie counts for the model's choice.
    /// </summary>
    private static bool Faster(double time, double chosen) => time / chosen < 0.995;

    /// <summary>The algorithm as the report names it: im2col, direct, pointwise, depthwise.</summary>
    private static string Name(ConvolutionKernel kernel) => kernel.ToString().ToLowerInvariant();

    /// <summary>"24.1 (37%)": GFLOP/s and its share of <paramref name="sgemm"/>.</summary>
    private static string SpeedCell(double multiplies, double? microseconds, double? sgemm)
    {
        double? speed = Speed.Gigaflops(multiplies, microseconds);
        return speed is null ? Format.Missing : $"{Format.Gflops(speed)} ({Format.Percent(speed / sgemm)})";
    }
}
