namespace Precast.Benchmarks.Compare;

/// <summary>
/// One round of the comparison: Precast's networks, their convolutions alone, sgemm and the FMA
/// peak; then torch_compare.py (PyTorch's times, the equivalence files and the ONNX exports); then
/// ONNX Runtime. With <c>--repeat N</c> the command runs N rounds one after the other, so the
/// libraries and algorithms take turns and a slow spell of the machine falls on all of them, and
/// reports the <see cref="Median"/> of the rounds.
/// </summary>
/// <param name="Precast">Precast's network measurements.</param>
/// <param name="Convolutions">Precast's convolutions alone, each algorithm.</param>
/// <param name="PrecastSgemm">Precast's sgemm median, microseconds.</param>
/// <param name="Peak">The core's FMA peak.</param>
/// <param name="Torch">PyTorch's report, null when it did not run.</param>
/// <param name="TorchFailure">Why PyTorch did not run, or null.</param>
/// <param name="OnnxRuntime">ONNX Runtime's measurements, empty when it did not run.</param>
public sealed record CompareRound(
    IReadOnlyList<Measurement> Precast, IReadOnlyList<KernelMeasurement> Convolutions, double PrecastSgemm, PeakFlops Peak,
    TorchReport? Torch, string? TorchFailure, IReadOnlyList<Measurement> OnnxRuntime)
{
    /// <summary>Runs one round; torch_compare.py writes its files into <paramref name="workDirectory"/>.</summary>
    public static CompareRound Run(CompareOptions options, bool onnxLoaded, string workDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var precast = new List<Measurement>();
        var convolutions = new List<KernelMeasurement>();
        foreach (Network network in options.Networks)
        {
            Console.Error.WriteLine($"timing Precast: {network.Title}...");
            precast.AddRange(PrecastTiming.Measure(network));
            if (network.Convolutions.Count > 0)
            {
                Console.Error.WriteLine($"timing Precast: {network.Title}'s convolutions alone, each algorithm...");
                convolutions.AddRange(ConvolutionTiming.Measure(network));
            }
        }
        Console.Error.WriteLine($"timing Precast: sgemm {CompareOptions.SgemmSize}³ and the FMA peak...");
        double sgemm = SgemmTiming.Microseconds(CompareOptions.SgemmSize);
        PeakFlops peak = PeakFlops.Measure();

        Console.Error.WriteLine($"running {TorchRunner.PythonPath} {TorchRunner.ScriptName}...");
        if (!TorchRunner.TryRun(options.Networks, options.Threads, CompareOptions.SgemmSize, options.Clock, workDirectory, out TorchReport? torch, out string? torchFailure))
            return new(precast, convolutions, sgemm, peak, null, torchFailure, []);
        var onnxRuntime = new List<Measurement>();
        if (onnxLoaded)
        {
            foreach (TorchNetwork network in torch.Networks)
            {
                Network precastNetwork = Networks.Find(network.Name)
                    ?? throw new InvalidOperationException($"{TorchRunner.ScriptName} reported a network '{network.Name}' it was not asked for.");
                Console.Error.WriteLine($"timing ONNX Runtime: {precastNetwork.Title}...");
                onnxRuntime.AddRange(OnnxRuntimeTiming.Measure(precastNetwork, network.OnnxPath, options.Threads));
            }
        }
        return new(precast, convolutions, sgemm, peak, torch, null, onnxRuntime);
    }

    /// <summary>
    /// Each figure as the median over <paramref name="rounds"/> of the rounds that measured it;
    /// PyTorch's report from the rounds it ran in, and the first failure if it never did.
    /// </summary>
    public static CompareRound Median(IReadOnlyList<CompareRound> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        TorchReport[] torch = [.. rounds.Select(round => round.Torch).OfType<TorchReport>()];
        return new(
            Rounds.Merge(rounds.Select(round => round.Precast)),
            Rounds.Merge(rounds.Select(round => round.Convolutions), m => (m.Network, m.Layer, m.Kernel, m.Batch), group => group[0] with
            {
                ForwardMicroseconds = Rounds.Median(group.Select(m => m.ForwardMicroseconds)),
                BackwardMicroseconds = Rounds.Median(group.Select(m => m.BackwardMicroseconds)),
            }),
            Rounds.Median(rounds.Select(round => round.PrecastSgemm)),
            new PeakFlops(MedianOrNull(rounds.Select(round => round.Peak.Gigaflops256)), MedianOrNull(rounds.Select(round => round.Peak.Gigaflops512))),
            torch.Length == 0 ? null : TorchReport.Median(torch),
            torch.Length == 0 ? rounds[0].TorchFailure : null,
            Rounds.Merge(rounds.Select(round => round.OnnxRuntime)));
    }

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        double[] measured = [.. values.OfType<double>()];
        return measured.Length == 0 ? null : Rounds.Median(measured);
    }
}
