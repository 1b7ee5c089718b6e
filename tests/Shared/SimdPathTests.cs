using System.Diagnostics;
using System.Numerics;
using System.Text;
using System.Xml.Linq;
using Xunit.Abstractions;
using Arm = System.Runtime.Intrinsics.Arm;
using X86 = System.Runtime.Intrinsics.X86;

namespace Precast.Testing;

/// <summary>
/// The kernels have a path per SIMD width: <see cref="Vector{T}"/> is as wide as the machine
/// accelerates (256 bits under the JIT on AVX2 hardware), 128 bits under NativeAOT's default x64
/// target and on Arm64, and a scalar fallback where nothing is accelerated. A plain run exercises
/// only the first, so every run of this test assembly also runs the assembly again, in a child
/// <c>dotnet test</c>, once per narrower configuration, and fails with the child's failures.
/// </summary>
/// <remarks>
/// Linked into the runtime and the model test projects from tests/Shared. The launchers skip
/// themselves (visibly) in a run that already sets a <c>DOTNET_Enable*</c> variable, which is what
/// keeps the child from launching children and lets a developer run one configuration by hand.
/// Tests marked <c>[Trait(SimdPathTests.Trait, SimdPathTests.DefaultPathOnly)]</c> are left out of
/// the child runs.
/// </remarks>
public sealed class SimdPathTests(ITestOutputHelper output)
{
    /// <summary>The trait that keeps a test out of the child runs.</summary>
    public const string Trait = "SimdPaths";

    /// <summary>The trait value of the launchers themselves.</summary>
    public const string Launcher = "Launcher";

    /// <summary>The trait value of tests that run only on the default path (too slow to repeat).</summary>
    public const string DefaultPathOnly = "DefaultPathOnly";

    /// <summary>How long a child run may take before it is stopped and the test fails.</summary>
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The narrower configurations: the runtime switch that selects each.</summary>
    public static TheoryData<string> Configurations => new()
    {
        // 128-bit Vector<T> without FMA: NativeAOT's default x64 target; Arm64 runs 128 bits too.
        "DOTNET_EnableAVX2=0",
        // No hardware intrinsics: Vector.IsHardwareAccelerated is false and the scalar fallbacks run.
        "DOTNET_EnableHWIntrinsic=0",
    };

    [LauncherTheory]
    [MemberData(nameof(Configurations))]
    [Trait(Trait, Launcher)]
    public void EveryTestPassesUnder(string configuration)
    {
        string[] setting = configuration.Split('=');
        string assembly = typeof(SimdPathTests).Assembly.Location;
        string results = Directory.CreateTempSubdirectory("precast-simd-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            (int exitCode, string console) = RunChild(assembly, results, setting[0], setting[1]);
            clock.Stop();

            string trx = Path.Combine(results, "child.trx");
            Assert.True(File.Exists(trx), $"The child run under {configuration} wrote no results (exit code {exitCode}):\n{console}");
            ChildResult[] tests = ReadTrx(trx);
            ChildResult[] failed = [.. tests.Where(t => t.Outcome == "Failed")];
            int passed = tests.Count(t => t.Outcome == "Passed");
            output.WriteLine($"{configuration}: {passed} passed, {failed.Length} failed, {tests.Length - passed - failed.Length} not run, in {clock.Elapsed.TotalSeconds:0.0} s");

            Assert.True(failed.Length == 0, $"{failed.Length} of {tests.Length} tests failed under {configuration}:\n\n{string.Join("\n\n", failed.Select(f => f.Describe()))}");
            Assert.True(exitCode == 0, $"The child run under {configuration} exited with {exitCode}:\n{console}");

            // The child really ran the narrower path: its probe passed and says what it saw.
            ChildResult probe = Assert.Single(tests, t => t.Name.EndsWith($"{nameof(SimdPathTests)}.{nameof(TheConfiguredSimdPathIsTheOneRunning)}", StringComparison.Ordinal));
            Assert.Equal("Passed", probe.Outcome);
            output.WriteLine($"  child's probe: {probe.StdOut.Trim()}");
            Assert.True(passed > 1, $"The child run under {configuration} passed only {passed} test(s):\n{console}");
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    /// <summary>
    /// Reports the path this process runs and, under a <c>DOTNET_Enable*</c> switch, checks that
    /// the switch took effect: the child runs are worthless if the runtime ignores it.
    /// </summary>
    [Fact]
    public void TheConfiguredSimdPathIsTheOneRunning()
    {
        output.WriteLine(
            $"Vector<float>.Count = {Vector<float>.Count} ({Vector<byte>.Count * 8}-bit), " +
            $"Vector.IsHardwareAccelerated = {Vector.IsHardwareAccelerated}, " +
            $"AVX2 = {X86.Avx2.IsSupported}, FMA = {X86.Fma.IsSupported}, AdvSimd = {Arm.AdvSimd.IsSupported}" +
            (SimdSwitches() is { Length: > 0 } switches ? $" (under {switches})" : ""));

        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.False(Vector.IsHardwareAccelerated);
        }
        else if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0")
        {
            Assert.True(Vector.IsHardwareAccelerated);
            Assert.Equal(16, Vector<byte>.Count);
            Assert.False(X86.Avx2.IsSupported);
            Assert.False(X86.Fma.IsSupported);
        }
    }

    /// <summary>The instruction-set switches set in this process's environment, e.g. "DOTNET_EnableAVX2=0".</summary>
    internal static string SimdSwitches() => string.Join(", ",
        Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(IsSimdSwitch).Order(StringComparer.Ordinal)
            .Select(name => $"{name}={Environment.GetEnvironmentVariable(name)}"));

    private static bool IsSimdSwitch(string name) =>
        name.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("COMPlus_Enable", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the already-built assembly with <c>dotnet test</c>, with one switch set, and waits for it.</summary>
    private static (int ExitCode, string Console) RunChild(string assembly, string results, string variable, string value)
    {
        var start = new ProcessStartInfo(DotNetHost())
        {
            // Outside the repository, so no global.json or build file there can change the run.
            WorkingDirectory = results,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
        {
            "test", assembly, "--results-directory", results, "--logger", "trx;LogFileName=child.trx",
            "--filter", $"{Trait}!={Launcher}&{Trait}!={DefaultPathOnly}",
        })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (string name in start.Environment.Keys.Where(IsSimdSwitch).ToList())
            start.Environment.Remove(name);
        start.Environment[variable] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var console = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (console) console.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (console) console.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(ChildTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"The child run under {variable}={value} did not finish within {ChildTimeout}; output so far:\n{console}");
        }
        process.WaitForExit();
        lock (console)
            return (process.ExitCode, console.ToString());
    }

    /// <summary>The dotnet that runs this test host (the SDK's muxer), else the one on PATH.</summary>
    private static string DotNetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (File.Exists(host))
            return host;
        host = Environment.ProcessPath;
        return host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
    }

    private static ChildResult[] ReadTrx(string path)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return [.. XDocument.Load(path).Descendants(ns + "UnitTestResult").Select(result =>
        {
            XElement? output = result.Element(ns + "Output");
            XElement? error = output?.Element(ns + "ErrorInfo");
            return new ChildResult(
                (string?)result.Attribute("testName") ?? "?",
                (string?)result.Attribute("outcome") ?? "?",
                (string?)output?.Element(ns + "StdOut") ?? "",
                (string?)error?.Element(ns + "Message") ?? "",
                (string?)error?.Element(ns + "StackTrace") ?? "");
        })];
    }

    private sealed record ChildResult(string Name, string Outcome, string StdOut, string Message, string StackTrace)
    {
        public string Describe() => $"{Name}\n{Message.TrimEnd()}\n{StackTrace.TrimEnd()}".TrimEnd();
    }

    /// <summary>A launcher: skipped, saying why, in a run that already restricts the instruction sets.</summary>
    private sealed class LauncherTheoryAttribute : TheoryAttribute
    {
        public LauncherTheoryAttribute()
        {
            if (SimdSwitches() is { Length: > 0 } switches)
                Skip = $"this run is already restricted ({switches}); the launchers run only in an unrestricted run";
        }
    }
}
