using System.Globalization;
using System.Text;

namespace Precast.Training;

/// <summary>
/// Writes one CSV line per finished epoch: <c>epoch</c> (from 0), every result of the run
/// (<c>loss</c>, the metrics, the <c>val_</c> ones), <c>learning_rate</c> and <c>seconds</c>, as Keras's
/// <c>CSVLogger</c>. Each line is appended and the file closed at the epoch's end, so the file is
/// complete up to the last finished epoch even if the process dies. Numbers are written in the
/// invariant culture, round-trippable (<c>0.41234567</c>, <c>NaN</c>).
/// <code>
/// trainer.Callbacks.Add(new CsvHistoryWriter("history.csv"));
/// </code>
/// </summary>
public sealed class CsvHistoryWriter : ITrainingCallback
{
    /// <summary>Writes to <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="append">Whether to add to an existing file (when resuming training) rather than replace it; its header must then be this run's.</param>
    public CsvHistoryWriter(string path, bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        Append = append;
    }

    /// <summary>The CSV file.</summary>
    public string Path { get; }

    /// <summary>Whether a run adds to an existing file.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        string header = Line(["epoch", .. context.Metrics.Names, "learning_rate", "seconds"]);
        if (Append && File.Exists(Path) && new FileInfo(Path).Length > 0)
        {
            string existing = File.ReadLines(Path).First();
            if (existing != header)
                throw new InvalidOperationException(
                    $"CsvHistoryWriter: '{Path}' has the columns '{existing}', but this run writes '{header}'; append to a file of the same run, or write a new one.");
            return;
        }
        File.WriteAllText(Path, header + "\n");
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context)
    {
        EpochResult epoch = context.History.Epochs[^1];
        string[] fields =
        [
            epoch.Epoch.ToString(CultureInfo.InvariantCulture),
            .. epoch.Metrics.Values.Select(Number),
            Number(epoch.LearningRate),
            Number(epoch.Duration.TotalSeconds),
        ];
        File.AppendAllText(Path, Line(fields) + "\n");
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Fields joined by commas, quoted where RFC 4180 needs it.</summary>
    private static string Line(IEnumerable<string> fields)
    {
        var line = new StringBuilder();
        foreach (string field in fields)
        {
            if (line.Length > 0)
                line.Append(',');
            line.Append(field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
        }
        return line.ToString();
    }
}
