using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests.Fuzzing;

/// <summary>A program the oracle found fault with.</summary>
internal sealed record ProgramFailure(FuzzProgram Program, ProgramRun Run, List<Finding> Findings);

/// <summary>
/// Formats a run's failures: how many programs each category hit, then the first program of the
/// most common categories in full (replay key, intent of every class, every file with line
/// numbers, the findings and every diagnostic), so that each can be replayed and read alone.
/// </summary>
internal static class FuzzReport
{
    public static string Summary(int seed, int count, IReadOnlyList<ProgramFailure> failures, int examples)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{failures.Count} of {count} generated programs broke the oracle's rules (PRECAST_FUZZ_SEED={seed}).");
        text.AppendLine("Programs per failure category:");
        var categories = Categories(failures);
        foreach ((string category, List<ProgramFailure> programs) in categories)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {programs.Count,5}  {category}   (first: PRECAST_FUZZ_REPLAY={programs[0].Program.Replay})");
        text.AppendLine();

        // One example per category, most common first, each program shown once.
        var shown = new HashSet<ProgramFailure>();
        foreach ((string category, List<ProgramFailure> programs) in categories)
        {
            if (shown.Count >= examples)
                break;
            ProgramFailure example = programs.OrderBy(p => p.Program.Files.Sum(f => f.Text.Length)).First();
            if (shown.Add(example))
                text.AppendLine(Program(example, $"smallest program with: {category}"));
        }
        return text.ToString();
    }

    /// <summary>Categories with the programs that hit each one, most programs first.</summary>
    public static List<(string Category, List<ProgramFailure> Programs)> Categories(IEnumerable<ProgramFailure> failures) =>
        failures
            .SelectMany(f => f.Findings.Select(x => x.Category).Distinct().Select(c => (Category: c, Failure: f)))
            .GroupBy(x => x.Category)
            .Select(g => (g.Key, g.Select(x => x.Failure).ToList()))
            .OrderByDescending(g => g.Item2.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    public static string Program(ProgramFailure failure, string? title = null)
    {
        FuzzProgram program = failure.Program;
        var text = new StringBuilder();
        text.AppendLine("════════════════════════════════════════════════════════════════════════════════");
        if (title is not null)
            text.AppendLine(title);
        text.AppendLine(CultureInfo.InvariantCulture, $"PRECAST_FUZZ_REPLAY={program.Replay}   (documentation mode {program.DocumentationMode}, nullable {program.Nullable})");
        text.AppendLine("Findings:");
        foreach (Finding finding in failure.Findings)
        {
            text.AppendLine("  ✗ " + finding.Category);
            foreach (string line in finding.Detail.Split('\n').Take(6))
                text.AppendLine("      " + line);
        }
        text.AppendLine("Classes and the fuzzer's intent:");
        foreach (ModelCase model in program.Models)
            text.AppendLine("  " + model);
        foreach (FuzzFile file in program.Files)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"──── {file.Path} ────");
            string[] lines = file.Text.TrimEnd('\n').Split('\n');
            for (int i = 0; i < lines.Length; i++)
                text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1,4}  {lines[i]}");
        }
        text.AppendLine("Precast diagnostics:");
        foreach (Diagnostic d in failure.Run.PrecastDiagnostics)
            text.AppendLine("  " + Oracle.Describe(d));
        text.AppendLine("Compiler errors and warnings (first 25):");
        foreach (Diagnostic d in failure.Run.CompilerDiagnostics.Take(25))
            text.AppendLine("  " + Oracle.Describe(d));
        text.AppendLine("Generated files: " + string.Join(", ", failure.Run.Result.GeneratedSources.Select(s => s.HintName)));
        return text.ToString();
    }
}
