using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Precast.EndToEnd.Tests;

/// <summary>Runs dotnet (or a built program) and captures everything it prints.</summary>
internal static class DotNet
{
    public static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    public static ProcessResult Run(string workingDirectory, string arguments, TimeSpan? timeout = null) =>
        Execute("dotnet", arguments, workingDirectory, timeout ?? TimeSpan.FromMinutes(5));

    public static ProcessResult Execute(string fileName, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Keep the child builds quiet and self-contained: no telemetry, no build server left behind.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {arguments}' did not finish within {timeout}. Output so far:\n{output}");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.ToString(), $"{fileName} {arguments}");
    }
}

/// <summary>A finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Command)
{
    public ProcessResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"'{Command}' exited with {ExitCode}:\n{Output}");
        return this;
    }
}
