namespace Precast.Training;

/// <summary>Whether a monitored value improves by falling or by rising.</summary>
public enum MonitorMode
{
    /// <summary>Rising for a name with "accuracy" in it (<c>val_accuracy</c>, <c>top-5 accuracy</c>), else falling (losses, errors).</summary>
    Auto = 0,

    /// <summary>Lower is better: a loss or an error.</summary>
    Min = 1,

    /// <summary>Higher is better: an accuracy or a score.</summary>
    Max = 2,
}
