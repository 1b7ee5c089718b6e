namespace Precast;

/// <summary>
/// A fully connected layer: <c>y = x·Wᵀ + b</c>, with <c>W</c> of shape [units, inputs] (the
/// layout of PyTorch's <c>nn.Linear</c>) and <c>b</c> of shape [units]. Like <c>nn.Linear</c> it
/// works on the last axis and keeps the others: [inputs] becomes [units], a [T, inputs] sequence
/// [T, units] with the same weights at every position. Put [Flatten] before it to combine a whole
/// image.
/// </summary>
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>Creates a dense layer with <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units) => Units = units;

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    /// <summary>Whether the layer adds a bias. Defaults to <see langword="true"/>.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>How the weights are initialized. Defaults to <see cref="Initializer.Auto"/>.</summary>
    public Initializer Initializer { get; set; } = Initializer.Auto;
}
