namespace Precast.Schedules;

/// <summary>How <see cref="ReduceOnPlateau"/> measures a significant improvement.</summary>
public enum ThresholdMode
{
    /// <summary>
    /// Better than <c>best·(1 − threshold)</c> in min mode or <c>best·(1 + threshold)</c> in max mode:
    /// PyTorch's <c>threshold_mode="rel"</c>.
    /// </summary>
    Relative,

    /// <summary>Better than <c>best − threshold</c> or <c>best + threshold</c>: <c>threshold_mode="abs"</c>.</summary>
    Absolute,
}
