namespace Precast.Training;

/// <summary>What a <c>Fit</c> did: each finished epoch's results, and why it stopped if it stopped early.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochResult> _epochs = [];

    internal TrainingHistory(IReadOnlyList<string> names) => Names = names;

    /// <summary>The names of the values each epoch records: <c>loss</c>, the metrics, then the <c>val_</c> ones.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The finished epochs, in order.</summary>
    public IReadOnlyList<EpochResult> Epochs => _epochs;

    /// <summary>Why training stopped before its last epoch (a callback's reason), or null if it ran them all.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>Whether a callback stopped training before its last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>One value over the epochs, in order: <c>history["val_loss"]</c>.</summary>
    /// <exception cref="KeyNotFoundException">No value has that name; the message lists the names.</exception>
    public double[] this[string name]
    {
        get
        {
            if (!Names.Contains(name))
                throw new KeyNotFoundException($"TrainingHistory: there is no value named '{name}'; there are {MetricValues.Describe(Names)}.");
            return [.. _epochs.Select(epoch => epoch.Metrics[name])];
        }
    }

    internal void Add(EpochResult epoch) => _epochs.Add(epoch);
}
