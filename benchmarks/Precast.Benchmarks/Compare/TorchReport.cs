namespace Precast.Benchmarks.Compare;

/// <summary>What benchmarks/compare/torch_compare.py measured and found out about its PyTorch.</summary>
/// <param name="TorchVersion">torch.__version__.</param>
/// <param name="PythonVersion">The interpreter's version.</param>
/// <param name="Threads">torch.get_num_threads() after the script set it.</param>
/// <param name="Blas">The BLAS torch's matrix products call, with OpenBLAS's own configuration when it is OpenBLAS.</param>
/// <param name="Networks">Each network's results, export and equivalence-check files.</param>
/// <param name="Layers">The convolutions timed alone.</param>
/// <param name="SgemmSize">The size n of the n×n×n torch.mm.</param>
/// <param name="SgemmMicroseconds">Its median time.</param>
public sealed record TorchReport(
    string TorchVersion, string PythonVersion, int Threads, string Blas,
    IReadOnlyList<TorchNetwork> Networks, IReadOnlyList<TorchLayer> Layers, int SgemmSize, double SgemmMicroseconds)
{
    /// <summary>Every network's measurements, in one list.</summary>
    public IEnumerable<Measurement> Results => Networks.SelectMany(network => network.Results);

    /// <summary>The report of the network called <paramref name="name"/>, or null.</summary>
    public TorchNetwork? Find(string name) => Networks.FirstOrDefault(network => network.Name == name);

    /// <summary>
    /// The first report with each time replaced by the median over <paramref name="reports"/>
    /// (the rounds of <c>--repeat</c> in which PyTorch ran); its files and facts are the first round's.
    /// </summary>
    public static TorchReport Median(IReadOnlyList<TorchReport> reports)
    {
        TorchReport first = reports[0];
        return first with
        {
            Networks = [.. first.Networks.Select(network => network with
            {
                Results = Rounds.Merge(reports.Select(report => report.Find(network.Name)?.Results ?? [])),
            })],
            Layers = [.. first.Layers.Select(layer => layer with
            {
                Results = Rounds.Merge(
                    reports.Select(report => report.Layers.FirstOrDefault(l => l.Network == layer.Network && l.Layer == layer.Layer)?.Results ?? []),
                    m => m.Batch, group => group[0] with { Microseconds = Rounds.Median(group.Select(m => m.Microseconds)) }),
            })],
            SgemmMicroseconds = Rounds.Median(reports.Select(report => report.SgemmMicroseconds)),
        };
    }
}
