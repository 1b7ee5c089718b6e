using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>The <c>compare</c> command's arguments.</summary>
/// <param name="Networks">The networks to measure, in <see cref="Benchmarks.Networks.All"/>'s order.</param>
/// <param name="Threads">Threads for PyTorch (and its OpenBLAS) and ONNX Runtime's intra-op pool.</param>
/// <param name="Repeat">Rounds of timing, one after the other; the report gives the median of each figure's medians.</param>
/// <param name="ShowHelp">Whether to print the usage and stop.</param>
/// <param name="Clock">What each call is timed with: elapsed time, or the process's processor time (<see cref="TimingClock"/>).</param>
public sealed record CompareOptions(IReadOnlyList<Network> Networks, int Threads, int Repeat, bool ShowHelp, TimingClock Clock = TimingClock.Wall)
{
    /// <summary>The size n of the n×n×n matrix product timed in both libraries for the sgemm figure.</summary>
    public const int SgemmSize = 512;

    /// <summary>What <c>--help</c> prints.</summary>
    public static string Usage =>
        "usage: dotnet run -c Release --project benchmarks/Precast.Benchmarks -- compare [--network NAME] [--threads N] [--repeat N] [--clock wall|cpu]\n" +
        $"  --network NAME  {string.Join(", ", Benchmarks.Networks.All.Select(network => network.Name))} or all (the default);\n" +
        "                  several as a comma-separated list, e.g. lenet,resnet.\n" +
        "  --threads N     threads for PyTorch (and its OpenBLAS) and ONNX Runtime's intra-op pool; default 1.\n" +
        "                  Precast is single-threaded, so 1 compares like with like.\n" +
        "  --repeat N      rounds of timing, each library and algorithm in turn; every figure is the median of the\n" +
        "                  rounds' medians. Default 1.\n" +
        "  --clock wall|cpu what each call is timed with: elapsed time (wall, the default: the figure to publish, on a\n" +
        "                  quiet machine) or the process's processor time (cpu, Linux only: leaves out time spent\n" +
        "                  descheduled, for comparisons on a loaded machine).";

    /// <summary>Parses <paramref name="args"/>; on failure, <paramref name="error"/> says which argument is wrong and why.</summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out CompareOptions? options, [NotNullWhen(false)] out string? error)
    {
        IReadOnlyList<Network> networks = Benchmarks.Networks.All;
        int threads = 1;
        int repeat = 1;
        TimingClock clock = TimingClock.Wall;
        bool help = false;
        options = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "--help" or "-h")
            {
                help = true;
                continue;
            }
            if (name is not ("--network" or "--threads" or "--repeat" or "--clock"))
            {
                error = $"compare: unknown argument '{name}'.";
                return false;
            }
            if (i + 1 == args.Length)
            {
                error = $"compare: {name} needs a value.";
                return false;
            }
            string value = args[++i];
            if (name == "--threads" && !TryParseCount(name, value, out threads, out error))
                return false;
            if (name == "--repeat" && !TryParseCount(name, value, out repeat, out error))
                return false;
            if (name == "--network" && !TryParseNetworks(value, out networks, out error))
                return false;
            if (name == "--clock" && !TryParseClock(value, out clock, out error))
                return false;
        }
        options = new CompareOptions(networks, threads, repeat, help, clock);
        error = null;
        return true;
    }

    /// <summary>The arguments that reproduce these options, for the report's command line ("" for the defaults).</summary>
    public string Arguments()
    {
        string network = Networks.Count == Benchmarks.Networks.All.Count ? "" : $" --network {string.Join(',', Networks.Select(n => n.Name))}";
        string threads = Threads == 1 ? "" : $" --threads {Threads.ToString(CultureInfo.InvariantCulture)}";
        string repeat = Repeat == 1 ? "" : $" --repeat {Repeat.ToString(CultureInfo.InvariantCulture)}";
        string clock = Clock == TimingClock.Wall ? "" : $" --clock {TimingClocks.Name(Clock)}";
        return network + threads + repeat + clock;
    }

    private static bool TryParseClock(string value, out TimingClock clock, [NotNullWhen(false)] out string? error)
    {
        clock = value switch { "wall" => TimingClock.Wall, "cpu" => TimingClock.Cpu, _ => (TimingClock)(-1) };
        error = !System.Enum.IsDefined(clock) ? $"compare: --clock expects wall or cpu, got '{value}'."
            : !TimingClocks.IsSupported(clock) ? "compare: --clock cpu reads the process's processor time, which needs Linux." : null;
        return error is null;
    }

    private static bool TryParseCount(string name, string value, out int count, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1)
        {
            error = null;
            return true;
        }
        error = $"compare: {name} expects a whole number of at least 1, got '{value}'.";
        return false;
    }

    private static bool TryParseNetworks(string value, out IReadOnlyList<Network> networks, [NotNullWhen(false)] out string? error)
    {
        networks = Benchmarks.Networks.All;
        error = null;
        if (value == "all")
            return true;
        string[] names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string[] unknown = [.. names.Where(name => Benchmarks.Networks.Find(name) is null)];
        if (names.Length == 0 || unknown.Length > 0)
        {
            error = $"compare: --network expects all or names from {string.Join(", ", Benchmarks.Networks.All.Select(n => n.Name))}, " +
                $"got '{value}'.";
            return false;
        }
        // In the catalog's order, each once, whatever order they were given in.
        networks = [.. Benchmarks.Networks.All.Where(network => names.Contains(network.Name))];
        return true;
    }
}
