namespace Precast;

/// <summary>Rectified linear unit: <c>y = max(x, 0)</c>.</summary>
public sealed class ReluAttribute : LayerAttribute;

/// <summary>Leaky ReLU: <c>y = x</c> where <c>x &gt; 0</c>, else <c>slope·x</c>.</summary>
public sealed class LeakyReluAttribute : LayerAttribute
{
    /// <summary>The slope for negative inputs. Defaults to 0.01, as in PyTorch.</summary>
    public double Slope { get; set; } = 0.01;
}

/// <summary>Logistic sigmoid: <c>y = 1 / (1 + exp(-x))</c>.</summary>
public sealed class SigmoidAttribute : LayerAttribute;

/// <summary>Hyperbolic tangent: <c>y = tanh(x)</c>.</summary>
public sealed class TanhAttribute : LayerAttribute;

/// <summary>
/// Gaussian error linear unit: <c>y = x·Φ(x)</c> with the exact normal CDF
/// <c>Φ(x) = (1 + erf(x/√2)) / 2</c>, as PyTorch's default <c>nn.GELU()</c>; or the tanh
/// approximation when <see cref="Approximate"/> is set.
/// </summary>
public sealed class GeluAttribute : LayerAttribute
{
    /// <summary>
    /// Use <c>0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))</c>, PyTorch's
    /// <c>nn.GELU(approximate="tanh")</c>. Defaults to <see langword="false"/>.
    /// </summary>
    public bool Approximate { get; set; }
}

/// <summary>
/// Softmax over the last dimension: <c>y_i = exp(x_i - max x) / Σ_j exp(x_j - max x)</c>.
/// Do not put it before <see cref="Loss.SoftmaxCrossEntropy"/>, which applies softmax itself.
/// </summary>
public sealed class SoftmaxAttribute : LayerAttribute;
