namespace Precast;

/// <summary>
/// Inverted dropout. While training, each value is zeroed with probability <see cref="Rate"/> and
/// the survivors are scaled by <c>1 / (1 - Rate)</c>, so inference is the identity. The same
/// convention as PyTorch's <c>nn.Dropout(p)</c>.
/// </summary>
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Creates a dropout layer that drops each value with probability <paramref name="rate"/>.</summary>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>The probability of zeroing a value, in [0, 1).</summary>
    public double Rate { get; }
}

/// <summary>
/// Dropout of whole channels, as PyTorch's <c>nn.Dropout2d</c>: while training each channel of a
/// <c>[channels, ...]</c> sample is zeroed with probability <see cref="Rate"/> and the others scaled by
/// <c>1 / (1 − Rate)</c>; inference is the identity. Neighbouring values of a feature map are
/// correlated, so dropping single values (<see cref="DropoutAttribute"/>) regularizes them little.
/// </summary>
public sealed class Dropout2DAttribute : LayerAttribute
{
    /// <summary>Creates a channel dropout that drops each channel with probability <paramref name="rate"/>.</summary>
    public Dropout2DAttribute(double rate) => Rate = rate;

    /// <summary>The probability of zeroing a channel, in [0, 1).</summary>
    public double Rate { get; }
}
