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
