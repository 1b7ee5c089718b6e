using System.Diagnostics;
using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// <c>compare [--network NAME] [--threads N] [--repeat N]</c>: for each network, checks that Precast
/// and PyTorch run the same network (same weights in, same results out), times it in Precast,
/// PyTorch and ONNX Runtime in one run, and prints the machine's facts, the check, the times, the
/// issue's targets and what limits the speed, in Markdown on stdout (progress goes to stderr).
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

        TimingClocks.Current = options.Clock;
        long start = Stopwatch.GetTimestamp();
        double? loadBefore = MachineFacts.LoadAverage();
        // Checked first: a missing or incompatible native library should be reported, not crash the run late.
        bool onnxLoaded = OnnxRuntimeTiming.TryLoadNative(out string? onnxVersion, out string? onnxFailure);

        var rounds = new List<CompareRound>();
        var checks = new List<EquivalenceResult>();
        DirectoryInfo workDirectory = Directory.CreateTempSubdirectory("precast-compare-");
        try
        {
            for (int round = 1; round <= options.Repeat; round++)
            {
                if (options.Repeat > 1)
                    Console.Error.WriteLine($"round {round} of {options.Repeat}:");
                string roundDirectory = Directory.CreateDirectory(Path.Combine(workDirectory.FullName, $"round{round}")).FullName;
                CompareRound measured = CompareRound.Run(options, onnxLoaded, roundDirectory);
                rounds.Add(measured);
                // The check needs only one round's files: the same weights give the same results every round.
                if (checks.Count == 0 && measured.Torch is not null)
                    checks.AddRange(Check(measured.Torch));
            }
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
        double? loadAfter = MachineFacts.LoadAverage();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        Console.Error.WriteLine($"measured in {Duration(elapsed)}");

        CompareRound result = CompareRound.Median(rounds);
        IReadOnlyList<Measurement> torchResults = result.Torch is null ? [] : [.. result.Torch.Results];
        TextWriter output = Console.Out;
        PrintFacts(output, new Facts(options, result.Torch, result.TorchFailure, rounds.Count(r => r.Torch is not null),
            onnxVersion, onnxFailure, loadBefore, loadAfter, elapsed));
        output.WriteLine();
        output.WriteLine("## Same networks");
        output.WriteLine();
        EquivalenceTable.Print(output, options.Networks, checks);
        output.WriteLine();
        output.WriteLine("## Times");
        output.WriteLine();
        ResultTable.Print(output, options.Networks, result.Precast, torchResults, result.OnnxRuntime);
        output.WriteLine();
        output.WriteLine("Ratios are the other library's time over Precast's: above 1 means Precast is faster.");
        if (Target.Issue7.Any(target => options.Networks.Any(network => network.Name == target.Network)))
        {
            output.WriteLine();
            output.WriteLine("## Targets (issue 7)");
            output.WriteLine();
            TargetTable.Print(output, options.Networks, options.Threads, result.Precast, torchResults, result.OnnxRuntime);
        }
        output.WriteLine();
        output.WriteLine("## What limits the speed");
        output.WriteLine();
        LimitsReport.Print(output, options.Networks, result);
        // Times of networks that are not the same in both libraries do not compare: say so in the exit code too.
        return checks.All(check => check.Passed) ? 0 : 1;
    }

    private static IEnumerable<EquivalenceResult> Check(TorchReport torch)
    {
        foreach (TorchNetwork network in torch.Networks)
        {
            Network precastNetwork = Networks.Find(network.Name)
                ?? throw new InvalidOperationException($"{TorchRunner.ScriptName} reported a network '{network.Name}' it was not asked for.");
            Console.Error.WriteLine($"checking {precastNetwork.Title} against PyTorch...");
            yield return EquivalenceCheck.Run(precastNetwork, network.Check);
        }
    }

    private sealed record Facts(
        CompareOptions Options, TorchReport? Torch, string? TorchFailure, int TorchRounds, string? OnnxVersion, string? OnnxFailure,
        double? LoadBefore, double? LoadAfter, TimeSpan Elapsed);

    private static void PrintFacts(TextWriter output, Facts facts)
    {
        CompareOptions options = facts.Options;
        string precastVersion = typeof(Optimizers.Adam<float>).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        output.WriteLine($"# Precast, PyTorch and ONNX Runtime: {string.Join(", ", options.Networks.Select(network => network.Title))}");
        output.WriteLine();
        output.WriteLine($"- Command: `dotnet run -c Release --project benchmarks/Precast.Benchmarks -- compare{options.Arguments()}`");
        output.WriteLine($"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        output.WriteLine($"- CPU: {MachineFacts.CpuModel()}, {Environment.ProcessorCount} cores; .NET SIMD: {MachineFacts.Simd()}");
        output.WriteLine($"- .NET: {MachineFacts.Runtime()}");
        output.WriteLine($"- Precast {precastVersion}: single-threaded (--threads applies to the other two)");
        output.WriteLine(facts.Torch is null
            ? $"- PyTorch: not measured: {facts.TorchFailure}"
            : $"- PyTorch {facts.Torch.TorchVersion} (Python {facts.Torch.PythonVersion}), {facts.Torch.Threads} thread(s); BLAS: {facts.Torch.Blas}" +
              (facts.TorchRounds < options.Repeat ? $"; ran in {facts.TorchRounds} of the {options.Repeat} rounds" : ""));
        output.WriteLine(facts.OnnxVersion is null
            ? $"- ONNX Runtime: its native library does not load: {facts.OnnxFailure}"
            : $"- ONNX Runtime {facts.OnnxVersion}: {options.Threads} intra-op thread(s), 1 inter-op thread, all graph optimizations" +
              (facts.Torch is null ? "; not measured: it runs the models PyTorch exports" : ""));
        output.WriteLine($"- Clock: {(options.Clock == TimingClock.Wall ? "elapsed time" : "the process's processor time (`--clock cpu`: time spent descheduled left out; caches and memory still shared with whatever else ran)")}");
        output.WriteLine($"- Timing: the median of single calls, after {TimingBudget.Network.Describe()} for whole networks and sgemm, " +
            $"{TimingBudget.Kernel.Describe()} for each convolution alone and the FMA peak; " +
            "forward in inference mode (PyTorch: eval and no_grad), train step = zero grad, forward, loss, backward, Adam");
        output.WriteLine(options.Repeat == 1
            ? "- Rounds: 1 (`--repeat N` runs N rounds, the libraries and algorithms taking turns, and reports the median of the N medians)"
            : $"- Rounds: {options.Repeat}, one after the other (Precast, PyTorch, ONNX Runtime in each); every figure is the median of its {options.Repeat} medians");
        output.WriteLine($"- Run time: {Duration(facts.Elapsed)}, all rounds and the checks");
        output.WriteLine($"- Load average (1 min): {Load(facts.LoadBefore)} before, {Load(facts.LoadAfter)} after" +
            (facts.LoadBefore > MachineFacts.BusyLoadAverage || facts.LoadAfter > MachineFacts.BusyLoadAverage
                ? $"; above {MachineFacts.BusyLoadAverage.ToString(CultureInfo.InvariantCulture)}: other processes were probably running, so the times may be high"
                : ""));
    }

    private static string Duration(TimeSpan elapsed) =>
        elapsed.TotalMinutes >= 1
            ? $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds.ToString(CultureInfo.InvariantCulture)} s"
            : $"{elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s";

    private static string Load(double? load) => load?.ToString("F2", CultureInfo.InvariantCulture) ?? "unknown";
}
