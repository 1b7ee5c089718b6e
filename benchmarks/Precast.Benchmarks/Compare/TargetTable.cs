using System.Globalization;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// Prints how far each of <see cref="Target.Issue7"/> is met: the measured ratio against the target
/// and, where it is missed, how much faster Precast would have to be.
/// </summary>
public static class TargetTable
{
    /// <summary>One row per target whose network was measured; nothing when none was.</summary>
    public static void Print(TextWriter writer, IReadOnlyList<Network> networks, int threads, IReadOnlyList<Measurement> precast,
        IReadOnlyList<Measurement> torch, IReadOnlyList<Measurement> onnxRuntime)
    {
        List<Target> targets = [.. Target.Issue7.Where(target => networks.Any(network => network.Name == target.Network))];
        if (targets.Count == 0)
            return;
        if (threads != 1)
            writer.WriteLine($"The targets are for one thread; in this run the other libraries used {threads}.");
        writer.WriteLine("| Model | Batch | Mode | Against | Target | Precast µs | Other µs | Measured | Met |");
        writer.WriteLine("|---|---:|---|---|---:|---:|---:|---:|---|");
        foreach (Target target in targets)
        {
            Network network = networks.First(n => n.Name == target.Network);
            double? mine = Measurement.Find(precast, target.Network, target.Mode, target.Batch);
            double? other = Measurement.Find(target.Library == Target.PyTorch ? torch : onnxRuntime, target.Network, target.Mode, target.Batch);
            string mode = target.Mode == Measurement.Train ? "train step" : "inference";
            writer.WriteLine($"| {network.Title} | {target.Batch} | {mode} | {target.Library} | {target.Factor.ToString("0.#", CultureInfo.InvariantCulture)}x | " +
                $"{Format.Microseconds(mine)} | {Format.Microseconds(other)} | {Format.Ratio(other, mine)} | {Verdict(target, mine, other)} |");
        }
    }

    private static string Verdict(Target target, double? precast, double? other)
    {
        if (precast is not double mine || other is not double theirs)
            return $"unknown: {target.Library} not measured";
        double ratio = theirs / mine;
        if (ratio >= target.Factor)
            return "yes";
        // The time Precast would need, and how many times faster than now that is.
        double needed = theirs / target.Factor;
        return $"no: {(target.Factor / ratio).ToString("F2", CultureInfo.InvariantCulture)}x short " +
            $"(Precast needs {Format.Microseconds(needed)} µs)";
    }
}
