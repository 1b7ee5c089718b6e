using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Precast.Benchmarks.Compare;

/// <summary>Runs benchmarks/compare/torch_mlp.py with Debian's Python and reads the JSON it prints.</summary>
public static class TorchRunner
{
    /// <summary>Debian's interpreter: python3-torch installs torch for it, not for other Pythons on the PATH.</summary>
    public const string PythonPath = "/usr/bin/python3";

    /// <summary>How to get what the PyTorch column needs.</summary>
    public const string InstallHint = "apt-get install python3-torch libopenblas0-pthread";

    // The build copies the script beside the program (see Precast.Benchmarks.csproj).
    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "compare", "torch_mlp.py");

    private const string OpenBlasCoreType = "OPENBLAS_CORETYPE";

    // The script's exit code when `import torch` fails.
    private const int TorchMissingExitCode = 3;

    /// <summary>
    /// Runs the script with <paramref name="threads"/> threads, writing the ONNX export into
    /// <paramref name="onnxDirectory"/>. On failure, <paramref name="failure"/> says why and how to fix it.
    /// </summary>
    public static bool TryRun(int threads, string onnxDirectory,
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
        start.ArgumentList.Add("--onnx-dir");
        start.ArgumentList.Add(onnxDirectory);
        // A forced OpenBLAS kernel (this machine's environment forces Haswell on an AVX-512 CPU) makes
        // PyTorch up to several times slower; the comparison is with PyTorch as OpenBLAS tunes it for this CPU.
        string? forcedCore = Environment.GetEnvironmentVariable(OpenBlasCoreType);
        start.Environment.Remove(OpenBlasCoreType);

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception error)
        {
            failure = $"{PythonPath} cannot be started ({error.Message}); install Python and PyTorch with: {InstallHint}";
            return false;
        }
        using Process process = started ?? throw new InvalidOperationException($"Could not start {PythonPath} {ScriptPath}.");
        // Read both streams at once: a full stderr pipe would otherwise block the script.
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string errorText = errors.Result.Trim();

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
            var results = new List<Measurement>();
            foreach (JsonElement result in root.GetProperty("results").EnumerateArray())
            {
                results.Add(new Measurement(
                    Text(result, "mode"), result.GetProperty("batch").GetInt32(), result.GetProperty("median_us").GetDouble()));
            }
            report = new TorchReport(Text(root, "torch"), Text(root, "python"), root.GetProperty("threads").GetInt32(),
                Blas(root.GetProperty("blas"), forcedCore), Text(root, "onnx"), results);
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
