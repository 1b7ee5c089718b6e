// Randomized generator test (issue 5, "Hardening").
//
// Each run generates programs the way users write them — models declared with Precast's
// attributes across files and namespaces, valid ones and ones broken on purpose, plus code that
// calls the models — runs the generator over each in process, and checks the result against what
// the fuzzer intended (see Oracle for the rules). Program i of base seed s is made by
// new Random(mix(s, i)) alone, so any program can be replayed by itself.
//
//   dotnet test tests/Precast.Generator.Tests --filter GeneratorFuzzTests
//
// Environment variables:
//   PRECAST_FUZZ_COUNT=5000          how many programs (default 200: about 10 s on two busy cores)
//   PRECAST_FUZZ_SEED=7              the base seed (default 20260605, so CI is deterministic)
//   PRECAST_FUZZ_REPLAY=7:123        run only program 123 of seed 7 and print it in full, pass or fail
//   PRECAST_FUZZ_REPORT=/tmp/f.txt   also write every failing program in full to that file
//   PRECAST_FUZZ_STATS=1             print how often each feature was applied (what a run covered)
//
// On failure the message lists, per failure category, how many programs hit it and the replay
// key of the first, then the smallest program of the most common categories in full.

using System.Diagnostics;
using System.Globalization;
using Precast.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Precast.Generator.Tests.Fuzzing;

public sealed class GeneratorFuzzTests
{
    private const int DefaultCount = 200;
    private const int DefaultSeed = 20260605;
    private const int Examples = 4;

    private readonly ITestOutputHelper _output;

    public GeneratorFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void GeneratedProgramsMeetTheOracle()
    {
        if (Environment.GetEnvironmentVariable("PRECAST_FUZZ_REPLAY") is { Length: > 0 } replay)
        {
            Replay(replay);
            return;
        }
        int count = IntFromEnvironment("PRECAST_FUZZ_COUNT", DefaultCount);
        int seed = IntFromEnvironment("PRECAST_FUZZ_SEED", DefaultSeed);

        var clock = Stopwatch.StartNew();
        var results = new ProgramFailure?[count];
        var seconds = new double[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            long start = Stopwatch.GetTimestamp();
            results[index] = RunOne(seed, index);
            seconds[index] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        });
        var failures = results.OfType<ProgramFailure>().ToList();
        _output.WriteLine($"{count} programs in {clock.Elapsed.TotalSeconds:F1} s (seed {seed}), {failures.Count} failing.");

        if (Environment.GetEnvironmentVariable("PRECAST_FUZZ_STATS") is { Length: > 0 })
        {
            _output.WriteLine("Slowest programs: " + string.Join(", ", Enumerable.Range(0, count).OrderByDescending(i => seconds[i]).Take(8).Select(i => $"{seed}:{i} {seconds[i]:F2} s")));
            PrintStatistics(seed, count);
        }
        if (failures.Count == 0)
            return;
        if (Environment.GetEnvironmentVariable("PRECAST_FUZZ_REPORT") is { Length: > 0 } path)
            File.WriteAllText(path, FuzzReport.Summary(seed, count, failures, Examples) + string.Join("\n", failures.Select(f => FuzzReport.Program(f))));
        Assert.Fail(FuzzReport.Summary(seed, count, failures, Examples));
    }

    private static ProgramFailure? RunOne(int seed, int index)
    {
        FuzzProgram program;
        try
        {
            program = ProgramGenerator.Generate(seed, index);
        }
        catch (Exception exception)
        {
            // A bug of the fuzzer itself: say which program, so that it can be replayed.
            throw new InvalidOperationException($"The fuzzer failed to generate program {seed}:{index} (PRECAST_FUZZ_REPLAY={seed}:{index}): {exception.Message}", exception);
        }
        ProgramRun run = GeneratorHarness.RunProgram(program.Files.Select(f => (f.Path, f.Text)), program.DocumentationMode, program.Nullable);
        List<Finding> findings = Oracle.Check(program, run);
        return findings.Count == 0 ? null : new ProgramFailure(program, run, findings);
    }

    private void Replay(string key)
    {
        string[] parts = key.Split(':');
        int seed = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int index = int.Parse(parts[1], CultureInfo.InvariantCulture);
        FuzzProgram program = ProgramGenerator.Generate(seed, index);
        ProgramRun run = GeneratorHarness.RunProgram(program.Files.Select(f => (f.Path, f.Text)), program.DocumentationMode, program.Nullable);
        var failure = new ProgramFailure(program, run, Oracle.Check(program, run));
        string text = FuzzReport.Program(failure, failure.Findings.Count == 0 ? "passes" : "fails");
        _output.WriteLine(text);
        foreach (var source in run.Result.GeneratedSources)
            _output.WriteLine($"──── generated {source.HintName} ────\n{source.SourceText}");
        Assert.True(failure.Findings.Count == 0, text);
    }

    /// <summary>How many classes each feature (notes and faults, without their particulars) was applied to, and how many of each role and intent.</summary>
    private void PrintStatistics(int seed, int count)
    {
        var classes = Enumerable.Range(0, count).SelectMany(i => ProgramGenerator.Generate(seed, i).Models).ToList();
        _output.WriteLine($"{classes.Count} classes: {classes.Count(c => c.Role == ClassRole.Block)} blocks, "
            + $"{classes.Count(c => c.Role == ClassRole.Model && c.Notes.Concat(c.Faults).Any(n => n.StartsWith("comp:", StringComparison.Ordinal)))} models with a composition note (fault, case, reuse), "
            + $"{classes.Count(c => c.ExpectedParameters is { } p && p.Any(t => t.Name.Contains('.', StringComparison.Ordinal) && t.Name.Count(ch => ch == '.') > 1))} models whose tensors the oracle checks inside blocks");
        foreach (var group in classes.GroupBy(c => $"{c.Role} {c.Intent}").OrderByDescending(g => g.Count()))
            _output.WriteLine($"{group.Count(),6}  {group.Key}");
        foreach (var group in classes.SelectMany(c => c.Notes.Distinct()).Select(Oracle.Normalize).GroupBy(n => n).OrderByDescending(g => g.Count()))
            _output.WriteLine($"{group.Count(),6}  {group.Key}");
    }

    private static int IntFromEnvironment(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
