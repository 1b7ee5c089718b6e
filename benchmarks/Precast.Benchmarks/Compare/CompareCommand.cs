using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// <c>compare [--network NAME] [--threads N]</c>: for each network, checks that Precast and PyTorch
/// run the same network (same weights in, same results out), times it in Precast, PyTorch and ONNX
/// Runtime in one run, and prints the machine's facts, the check, the times, the issue's targets and
/// what limits the speed, in Markdown on stdout (progress goes to stderr).
/// </summary>
public static class CompareCommand
{
    /// <summary>Runs the comparison; returns the process exit code (2 for bad arguments, 1 when a network is not PyTorch's).</summary>
    public static int Run(string[] args)
    {
        if (!CompareOptions.TryParse(args, out CompareOptions? options, out string? error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CompareOptions.Usage);
            return 2;
        }
        if (options.ShowHelp)
        {
            Console.WriteLine(CompareOptions.Usage);
            return 0;
        }

        double? loadBefore = MachineFacts.LoadAverage();
        // Checked first: a missing or incompatible native library should be reported, not crash the run late.
        bool onnxLoaded = OnnxRuntimeTiming.TryLoadNative(out string? onnxVersion, out string? onnxFailure);

        var precast = new List<Measurement>();
        var precastLayers = new List<LayerMeasurement>();
        foreach (Network network in options.Networks)
        {
            Console.Error.WriteLine($"timing Precast: {network.Title}...");
            precast.AddRange(PrecastTiming.Measure(network));
            precastLayers.AddRange(LayerTiming.Measure(network));
        }
        Console.Error.WriteLine($"timing Precast: sgemm {CompareOptions.SgemmSize}³...");
        double precastSgemm = LayerTiming.SgemmMicroseconds(CompareOptions.SgemmSize);

        var onnxRuntime = new List<Measurement>();
        var checks = new List<EquivalenceResult>();
        DirectoryInfo workDirectory = Directory.CreateTempSubdirectory("precast-compare-");
        try
        {
            Console.Error.WriteLine($"running {TorchRunner.PythonPath} {TorchRunner.ScriptName}...");
            if (TorchRunner.TryRun(options.Networks, options.Threads, CompareOptions.SgemmSize, workDirectory.FullName,
                out TorchReport? torch, out string? torchFailure))
            {
                foreach (TorchNetwork network in torch.Networks)
                {
                    Network precastNetwork = Networks.Find(network.Name)
                        ?? throw new InvalidOperationException($"{TorchRunner.ScriptName} reported a network '{network.Name}' it was not asked for.");
                    Console.Error.WriteLine($"checking {precastNetwork.Title} against PyTorch...");
                    checks.Add(EquivalenceCheck.Run(precastNetwork, network.Check));
                    if (onnxLoaded)
                    {
                        Console.Error.WriteLine($"timing ONNX Runtime: {precastNetwork.Title}...");
                        onnxRuntime.AddRange(OnnxRuntimeTiming.Measure(precastNetwork, network.OnnxPath, options.Threads));
                    }
                }
            }
            double? loadAfter = MachineFacts.LoadAverage();
            IReadOnlyList<Measurement> torchResults = torch is null ? [] : [.. torch.Results];

            TextWriter output = Console.Out;
            PrintFacts(output, options, torch, torchFailure, onnxVersion, onnxFailure, loadBefore, loadAfter);
            output.WriteLine();
            output.WriteLine("## Same networks");
            output.WriteLine();
            EquivalenceTable.Print(output, options.Networks, checks);
            output.WriteLine();
            output.WriteLine("## Times");
            output.WriteLine();
            ResultTable.Print(output, options.Networks, precast, torchResults, onnxRuntime);
            output.WriteLine();
            output.WriteLine("Ratios are the other library's time over Precast's: above 1 means Precast is faster.");
            if (Target.Issue7.Any(target => options.Networks.Any(network => network.Name == target.Network)))
            {
                output.WriteLine();
                output.WriteLine("## Targets (issue 7)");
                output.WriteLine();
                TargetTable.Print(output, options.Networks, options.Threads, precast, torchResults, onnxRuntime);
            }
            output.WriteLine();
            output.WriteLine("## What limits the speed");
            output.WriteLine();
            LimitsReport.Print(output, new LimitsReport.Inputs(options.Networks, precast, onnxRuntime, precastLayers, precastSgemm, torch));
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
        // Times of networks that are not the same in both libraries do not compare: say so in the exit code too.
        return checks.All(check => check.Passed) ? 0 : 1;
    }

    private static void PrintFacts(TextWriter output, CompareOptions options, TorchReport? torch, string? torchFailure,
        string? onnxVersion, string? onnxFailure, double? loadBefore, double? loadAfter)
    {
        string precastVersion = typeof(Optimizers.Adam<float>).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        output.WriteLine($"# Precast, PyTorch and ONNX Runtime: {string.Join(", ", options.Networks.Select(network => network.Title))}");
        output.WriteLine();
        output.WriteLine($"- Command: `dotnet run -c Release --project benchmarks/Precast.Benchmarks -- compare{options.Arguments()}`");
        output.WriteLine($"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        output.WriteLine($"- CPU: {MachineFacts.CpuModel()}, {Environment.ProcessorCount} cores; .NET SIMD: {MachineFacts.Simd()}");
        output.WriteLine($"- .NET: {MachineFacts.Runtime()}");
        output.WriteLine($"- Precast {precastVersion}: single-threaded (--threads applies to the other two)");
        output.WriteLine(torch is null
            ? $"- PyTorch: not measured: {torchFailure}"
            : $"- PyTorch {torch.TorchVersion} (Python {torch.PythonVersion}), {torch.Threads} thread(s); BLAS: {torch.Blas}");
        output.WriteLine(onnxVersion is null
            ? $"- ONNX Runtime: its native library does not load: {onnxFailure}"
            : $"- ONNX Runtime {onnxVersion}: {options.Threads} intra-op thread(s), 1 inter-op thread, all graph optimizations" +
              (torch is null ? "; not measured: it runs the models PyTorch exports" : ""));
        output.WriteLine($"- Timing: the median of single calls, after a {MedianTimer.WarmupSeconds.ToString(CultureInfo.InvariantCulture)} s warm-up, " +
            $"over {MedianTimer.MeasureSeconds.ToString(CultureInfo.InvariantCulture)} s (at least {MedianTimer.MinSamples} calls); " +
            "forward in inference mode (PyTorch: eval and no_grad), train step = zero grad, forward, loss, backward, Adam");
        output.WriteLine($"- Load average (1 min): {Load(loadBefore)} before, {Load(loadAfter)} after" +
            (loadBefore > MachineFacts.BusyLoadAverage || loadAfter > MachineFacts.BusyLoadAverage
                ? $"; above {MachineFacts.BusyLoadAverage.ToString(CultureInfo.InvariantCulture)}: other processes were probably running, so the times may be high"
                : ""));
    }

    private static string Load(double? load) => load?.ToString("F2", CultureInfo.InvariantCulture) ?? "unknown";
}
