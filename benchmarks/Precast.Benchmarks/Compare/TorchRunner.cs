using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Precast.Benchmarks.Compare;

/// <summary>Runs benchmarks/compare/torch_compare.py with Debian's Python and reads the JSON it prints.</summary>
public static class TorchRunner
{
    /// <summary>Debian's interpreter: python3-torch installs torch for it, not for other Pythons on the PATH.</summary>
    public const string PythonPath = "/usr/bin/python3";

    /// <summary>How to get what the PyTorch column needs.</summary>
    public const string InstallHint = "apt-get install python3-torch libopenblas0-pthread";

    /// <summary>The script's file name; the build copies it and the modules it imports beside the program (see Precast.Benchmarks.csproj).</summary>
    public const string ScriptName = "torch_compare.py";

    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "compare", ScriptName);

    private const string OpenBlasCoreType = "OPENBLAS_CORETYPE";

    // The script's exit code when `import torch` fails.
    private const int TorchMissingExitCode = 3;

    /// <summary>
    /// Runs the script on <paramref name="networks"/> with <paramref name="threads"/> threads, timing
    /// one convolution of each geometry alone and an <paramref name="sgemmSize"/>³ torch.mm too, writing the ONNX
    /// exports and the equivalence checks' files into <paramref name="workDirectory"/>. On failure,
    /// <paramref name="failure"/> says why and how to fix it.
    /// </summary>
    public static bool TryRun(IReadOnlyList<Network> networks, int threads, int sgemmSize, TimingClock clock, string workDirectory,
        [NotNullWhen(true)] out TorchReport? report, [NotNullWhen(false)] out string? failure)
    {
        report = null;
        if (!File.Exists(PythonPath))
        {
            failure = $"{PythonPath} not found; install Python and PyTorch with: {InstallHint}";
            return false;
        }

        var start = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add("--threads");
        start.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--work-dir");
        start.ArgumentList.Add(workDirectory);
        start.ArgumentList.Add("--networks");
        start.ArgumentList.Add(string.Join(',', networks.Select(network => network.Name)));
        // One layer of each geometry, as Precast times them (ConvolutionTiming), with the same budget.
        foreach (Network network in networks)
        {
            foreach (ConvolutionGroup group in ConvolutionGroup.Of(network.Convolutions))
            {
                start.ArgumentList.Add("--layer");
                start.ArgumentList.Add($"{network.Name}:{group.First.Name}");
            }
        }
        start.ArgumentList.Add("--layer-warmup");
        start.ArgumentList.Add(TimingBudget.Seconds(TimingBudget.Kernel.WarmupSeconds));
        start.ArgumentList.Add("--layer-measure");
        start.ArgumentList.Add(TimingBudget.Seconds(TimingBudget.Kernel.MeasureSeconds));
        start.ArgumentList.Add("--sgemm");
        start.ArgumentList.Add(sgemmSize.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--clock");
        start.ArgumentList.Add(TimingClocks.Name(clock));
        // A forced OpenBLAS kernel (this machine's environment forces Haswell on an AVX-512 CPU) makes
        // PyTorch up to several times slower; the comparison is with PyTorch as OpenBLAS tunes it for this CPU.
        string? forcedCore = Environment.GetEnvironmentVariable(OpenBlasCoreType);
        start.Environment.Remove(OpenBlasCoreType);

        using var process = new Process { StartInfo = start };
        // The script's stderr is its progress (passed on as it comes) and, when it fails, the reason
        // (kept for the report). Both streams are read at once: a full stderr pipe would block the script.
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            Console.Error.WriteLine(line.Data);
            lock (errors)
                errors.AppendLine(line.Data);
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            failure = $"{PythonPath} cannot be started ({error.Message}); install Python and PyTorch with: {InstallHint}";
            return false;
        }
        process.BeginErrorReadLine();
        string output = process.StandardOutput.ReadToEnd();
        // Without a timeout, WaitForExit also waits for the last stderr line to be handled.
        process.WaitForExit();
        string errorText;
        lock (errors)
            errorText = errors.ToString().Trim();

        if (process.ExitCode == TorchMissingExitCode)
        {
            failure = errorText;
            return false;
        }
        if (process.ExitCode != 0)
        {
            failure = $"{ScriptPath} exited with code {process.ExitCode}: {errorText}";
            return false;
        }
        return TryParse(output, forcedCore, out report, out failure);
    }

    private static bool TryParse(string json, string? forcedCore,
        [NotNullWhen(true)] out TorchReport? report, [NotNullWhen(false)] out string? failure)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            List<TorchNetwork> networks = [.. root.GetProperty("networks").EnumerateArray().Select(ParseNetwork)];
            List<TorchLayer> layers = [.. root.GetProperty("layers").EnumerateArray().Select(ParseLayer)];
            JsonElement sgemm = root.GetProperty("sgemm");
            report = new TorchReport(Text(root, "torch"), Text(root, "python"), root.GetProperty("threads").GetInt32(),
                Blas(root.GetProperty("blas"), forcedCore), networks, layers,
                sgemm.GetProperty("size").GetInt32(), sgemm.GetProperty("median_us").GetDouble());
            failure = null;
            return true;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            report = null;
            failure = $"{ScriptPath} printed output that is not the expected JSON ({error.Message}): {json}";
            return false;
        }
    }

    private static TorchNetwork ParseNetwork(JsonElement network)
    {
        string name = Text(network, "name");
        List<Measurement> results = [.. network.GetProperty("results").EnumerateArray().Select(result => new Measurement(
            name, Text(result, "mode"), result.GetProperty("batch").GetInt32(), result.GetProperty("median_us").GetDouble()))];
        JsonElement check = network.GetProperty("check");
        JsonElement after = check.GetProperty("after");
        var files = new EquivalenceFiles(Text(check, "init"), Text(check, "expected"),
            after.ValueKind == JsonValueKind.Null ? null : after.GetString(), check.GetProperty("batch").GetInt32());
        return new TorchNetwork(name, network.GetProperty("multiplies").GetInt64(), Text(network, "onnx"), files, results);
    }

    private static TorchLayer ParseLayer(JsonElement layer)
    {
        string network = Text(layer, "network");
        string name = Text(layer, "layer");
        List<LayerMeasurement> results = [.. layer.GetProperty("results").EnumerateArray().Select(result => new LayerMeasurement(
            network, name, result.GetProperty("batch").GetInt32(), result.GetProperty("median_us").GetDouble()))];
        return new TorchLayer(network, name, Integers(layer, "input_shape"), layer.GetProperty("out_channels").GetInt32(),
            Integers(layer, "kernel"), Integers(layer, "stride"), Integers(layer, "padding"), layer.GetProperty("groups").GetInt32(),
            layer.GetProperty("bias").GetBoolean(), results);
    }

    private static int[] Integers(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(value => value.GetInt32())];

    // "OpenBLAS (OpenBLAS 0.3.21 ... Haswell MAX_THREADS=64; kernel Haswell; 1 thread), torch BLAS_INFO=generic"
    private static string Blas(JsonElement blas, string? forcedCore)
    {
        string kind = Text(blas, "kind");
        if (blas.TryGetProperty("openblas_config", out JsonElement config))
        {
            kind += $" ({config.GetString()}; kernel {Text(blas, "openblas_core")}; " +
                $"{blas.GetProperty("openblas_threads").GetInt32()} thread(s))";
        }
        if (forcedCore is not null)
            kind += $" ({OpenBlasCoreType}={forcedCore} in this environment was not passed on)";
        return $"{kind}, torch {Text(blas, "build")}";
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new FormatException($"\"{name}\" is null");
}
