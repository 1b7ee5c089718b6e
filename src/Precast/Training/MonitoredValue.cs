namespace Precast.Training;

/// <summary>
/// The best value of one epoch result so far, for the callbacks that act on improvements
/// (<see cref="EarlyStopping"/>, <see cref="SaveBestCheckpoint"/>, <see cref="ReduceLearningRateOnPlateau"/>).
/// </summary>
internal sealed class MonitoredValue
{
    private readonly string _callback;
    private readonly double _minDelta;
    private readonly bool _higherIsBetter;

    public MonitoredValue(string callback, string name, MonitorMode mode, double minDelta)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{callback}: Mode is {mode}; expected Auto, Min or Max.");
        if (!(minDelta >= 0 && double.IsFinite(minDelta)))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"{callback}: MinDelta is {minDelta}; expected a finite value of at least 0.");
        _callback = callback;
        Name = name;
        _minDelta = minDelta;
        _higherIsBetter = mode == MonitorMode.Max || (mode == MonitorMode.Auto && name.Contains("accuracy", StringComparison.OrdinalIgnoreCase));
        Reset();
    }

    /// <summary>The monitored result's name: <c>val_loss</c>.</summary>
    public string Name { get; }

    /// <summary>The best value so far; NaN before any.</summary>
    public double Best { get; private set; }

    /// <summary>The epoch of <see cref="Best"/>; −1 before any.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Forgets the best value, and checks the value will exist in this run.</summary>
    public void Start(TrainingContext context)
    {
        Require(context, _callback, Name);
        Reset();
    }

    /// <summary>Throws, saying what there is, unless the run records a value named <paramref name="name"/>.</summary>
    public static void Require(TrainingContext context, string callback, string name)
    {
        if (!context.Metrics.ContainsKey(name))
            throw new InvalidOperationException(
                $"{callback}: it monitors '{name}', but this training run records {MetricValues.Describe(context.Metrics.Names)}" +
                (name.StartsWith(MetricValues.ValidationPrefix, StringComparison.Ordinal) && !context.HasValidation
                    ? "; give Fit validation data (or a validation split), or monitor a training value."
                    : "; monitor one of those (metrics are named by their Name)."));
    }

    /// <summary>Reads the epoch's value; records and returns true when it beats the best by more than the minimum change. NaN never does.</summary>
    public bool Improved(TrainingContext context)
    {
        double value = context.Metrics[Name];
        bool better = double.IsNaN(value) ? false
            : double.IsNaN(Best) ? true
            : _higherIsBetter ? value - _minDelta > Best : value + _minDelta < Best;
        if (better)
        {
            Best = value;
            BestEpoch = context.Epoch;
        }
        return better;
    }

    private void Reset()
    {
        Best = double.NaN;
        BestEpoch = -1;
    }
}
