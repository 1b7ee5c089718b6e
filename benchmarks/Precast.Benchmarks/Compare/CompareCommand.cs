using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// <c>compare [--threads N]</c>: times the MLP in Precast, PyTorch and ONNX Runtime in one run and
/// prints the machine's facts and a Markdown table on stdout (progress goes to stderr).
/// </summary>
public static class CompareCommand
{
    private const string Usage =
        "usage: dotnet run -c Release --project benchmarks/Precast.Benchmarks -- compare [--threads N]\n" +
        "  --threads N   threads for PyTorch (and its OpenBLAS) and ONNX Runtime's intra-op pool; default 1.\n" +
        "                Precast is single-threaded, so 1 compares like with like.";

    /// <summary>Runs the comparison; returns the process exit code (2 for bad arguments).</summary>
    public static int Run(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (!TryParseThreads(args, out int threads, out string? error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        double? loadBefore = MachineFacts.LoadAverage();
        // Checked first: a missing or incompatible native library should be reported, not crash the run late.
        bool onnxLoaded = OnnxRuntimeTiming.TryLoadNative(out string? onnxVersion, out string? onnxFailure);

        Console.Error.WriteLine("timing Precast...");
        IReadOnlyList<Measurement> precast = PrecastTiming.Measure();

        IReadOnlyList<Measurement>? torch = null;
        IReadOnlyList<Measurement>? onnxRuntime = null;
        DirectoryInfo exportDirectory = Directory.CreateTempSubdirectory("precast-compare-");
        try
        {
            Console.Error.WriteLine($"running {TorchRunner.PythonPath} torch_mlp.py...");
            if (TorchRunner.TryRun(threads, exportDirectory.FullName, out TorchReport? report, out string? torchFailure))
            {
                torch = report.Results;
                if (onnxLoaded)
                {
                    Console.Error.WriteLine("timing ONNX Runtime...");
                    onnxRuntime = OnnxRuntimeTiming.Measure(report.OnnxPath, threads);
                }
            }
            double? loadAfter = MachineFacts.LoadAverage();

            PrintFacts(threads, report, torchFailure, onnxVersion, onnxFailure, loadBefore, loadAfter);
            Console.WriteLine();
            ResultTable.Print(Console.Out, precast, torch, onnxRuntime);
        }
        finally
        {
            exportDirectory.Delete(recursive: true);
        }
        return 0;
    }

    private static bool TryParseThreads(string[] args, out int threads, out string? error)
    {
        threads = 1;
        error = null;
        if (args.Length == 0)
            return true;
        if (args is ["--threads", string value] && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out threads) && threads >= 1)
            return true;
        error = args is ["--threads", string bad]
            ? $"compare: --threads expects a whole number of at least 1, got '{bad}'."
            : $"compare: unexpected arguments '{string.Join(' ', args)}'.";
        return false;
    }

    private static void PrintFacts(int threads, TorchReport? torch, string? torchFailure, string? onnxVersion, string? onnxFailure,
        double? loadBefore, double? loadAfter)
    {
        string precastVersion = typeof(Optimizers.Adam<float>).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        string threadArgument = threads == 1 ? "" : $" --threads {threads}";
        Console.WriteLine("# Precast, PyTorch and ONNX Runtime: MLP 784-128-10");
        Console.WriteLine();
        Console.WriteLine($"- Command: `dotnet run -c Release --project benchmarks/Precast.Benchmarks -- compare{threadArgument}`");
        Console.WriteLine($"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        Console.WriteLine($"- CPU: {MachineFacts.CpuModel()}, {Environment.ProcessorCount} cores; .NET SIMD: {MachineFacts.Simd()}");
        Console.WriteLine($"- .NET: {MachineFacts.Runtime()}");
        Console.WriteLine($"- Precast {precastVersion}: single-threaded (--threads applies to the other two)");
        Console.WriteLine(torch is null
            ? $"- PyTorch: not measured: {torchFailure}"
            : $"- PyTorch {torch.TorchVersion} (Python {torch.PythonVersion}), {torch.Threads} thread(s); BLAS: {torch.Blas}");
        Console.WriteLine(onnxVersion is null
            ? $"- ONNX Runtime: its native library does not load: {onnxFailure}"
            : $"- ONNX Runtime {onnxVersion}: {threads} intra-op thread(s), 1 inter-op thread, all graph optimizations" +
              (torch is null ? "; not measured: it runs the model PyTorch exports" : ""));
        Console.WriteLine("- Timing: the median of single calls, after a 0.5 s warm-up, over 2 s (at least 100 calls); " +
            "forward in inference mode (PyTorch: eval and no_grad), train step = zero grad, forward, loss, backward, Adam");
        Console.WriteLine($"- Load average (1 min): {Load(loadBefore)} before, {Load(loadAfter)} after" +
            (loadBefore > MachineFacts.BusyLoadAverage || loadAfter > MachineFacts.BusyLoadAverage
                ? $"; above {MachineFacts.BusyLoadAverage}: other processes were probably running, so the times may be high"
                : ""));
    }

    private static string Load(double? load) => load?.ToString("F2", CultureInfo.InvariantCulture) ?? "unknown";
}
