namespace Precast.Schedules;

/// <summary>Whether a <see cref="ReduceOnPlateau"/> metric improves by falling or by rising.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss): PyTorch's <c>mode="min"</c>.</summary>
    Min,

    /// <summary>Higher is better (an accuracy): <c>mode="max"</c>.</summary>
    Max,
}
