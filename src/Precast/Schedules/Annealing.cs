namespace Precast.Schedules;

/// <summary>The shape of each phase of a <see cref="OneCycle"/> schedule.</summary>
public enum Annealing
{
    /// <summary>Half a cosine between the phase's ends (PyTorch's <c>anneal_strategy="cos"</c>, the default).</summary>
    Cosine,

    /// <summary>A straight line (<c>anneal_strategy="linear"</c>).</summary>
    Linear,
}
