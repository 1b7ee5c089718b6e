using System.Runtime.Intrinsics;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Adam"/> on eight values; the first moment is the first state buffer, the
/// second moment the second. Each line mirrors one tensor operation of PyTorch's
/// <c>_single_tensor_adam</c> / <c>_single_tensor_adamw</c> (1.13), computed as its CPU kernels do:
/// <c>add(b, alpha)</c> fused, <c>addcmul</c> as <c>a + (value·b)·c</c>, <c>addcdiv</c> as <c>a + (value·b)/c</c>.
/// </summary>
internal readonly struct AdamRule : IElementwiseRule
{
    private readonly Vector256<float> beta1;
    private readonly Vector256<float> oneMinusBeta1;
    private readonly Vector256<float> beta2;
    private readonly Vector256<float> oneMinusBeta2;
    private readonly Vector256<float> weightDecay;
    private readonly Vector256<float> decayFactor;
    private readonly Vector256<float> biasCorrection2Sqrt;
    private readonly Vector256<float> epsilon;
    private readonly Vector256<float> negativeStepSize;
    private readonly bool hasL2;
    private readonly bool hasDecoupled;

    /// <summary>The coefficients of step number <paramref name="step"/>, counting from 1 (the bias corrections depend on it).</summary>
    public AdamRule(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled, long step)
    {
        // Scalars are formed in double and rounded once to float, as PyTorch's Python-side arithmetic
        // does before a scalar reaches a float kernel.
        this.beta1 = Vector256.Create(beta1);
        oneMinusBeta1 = Vector256.Create((float)(1.0 - beta1));
        this.beta2 = Vector256.Create(beta2);
        oneMinusBeta2 = Vector256.Create((float)(1.0 - beta2));
        this.weightDecay = Vector256.Create(weightDecay);
        decayFactor = Vector256.Create((float)(1.0 - (double)learningRate * weightDecay));
        double biasCorrection1 = 1.0 - Math.Pow(beta1, step);
        double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
        biasCorrection2Sqrt = Vector256.Create((float)Math.Sqrt(biasCorrection2));
        this.epsilon = Vector256.Create(epsilon);
        negativeStepSize = Vector256.Create((float)(-learningRate / biasCorrection1));
        hasL2 = weightDecay != 0 && !decoupled;
        hasDecoupled = weightDecay != 0 && decoupled;
    }

    public void Apply(ref float parameter, ref readonly float gradient, ref float first, ref float second)
    {
        Vector256<float> p = Vector256.LoadUnsafe(in parameter);
        Vector256<float> g = Vector256.LoadUnsafe(in gradient);
        if (hasL2)
            g = Vector256.FusedMultiplyAdd(p, weightDecay, g);
        if (hasDecoupled)
            p *= decayFactor;
        Vector256<float> m = Vector256.FusedMultiplyAdd(g, oneMinusBeta1, Vector256.LoadUnsafe(in first) * beta1);
        Vector256<float> v = Vector256.LoadUnsafe(in second) * beta2 + oneMinusBeta2 * g * g;
        m.StoreUnsafe(ref first);
        v.StoreUnsafe(ref second);
        Vector256<float> denominator = Vector256.Sqrt(v) / biasCorrection2Sqrt + epsilon;
        (p + negativeStepSize * m / denominator).StoreUnsafe(ref parameter);
    }
}
