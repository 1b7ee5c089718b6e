using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Adam"/>; the first moment is the first state buffer, the second moment the
/// second. Each line mirrors one tensor operation of PyTorch's <c>_single_tensor_adam</c> /
/// <c>_single_tensor_adamw</c> (1.13), computed as its CPU kernels do: <c>add(b, alpha)</c> fused,
/// <c>addcmul</c> as <c>a + (value·b)·c</c>, <c>addcdiv</c> as <c>a + (value·b)/c</c>.
/// </summary>
internal readonly struct AdamRule : IElementwiseRule
{
    private readonly float beta1;
    private readonly float oneMinusBeta1;
    private readonly float beta2;
    private readonly float oneMinusBeta2;
    private readonly float weightDecay;
    private readonly float decayFactor;
    private readonly float biasCorrection2Sqrt;
    private readonly float epsilon;
    private readonly float negativeStepSize;
    private readonly bool hasL2;
    private readonly bool hasDecoupled;

    /// <summary>The coefficients of step number <paramref name="step"/>, counting from 1 (the bias corrections depend on it).</summary>
    public AdamRule(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled, long step)
    {
        // Scalars are formed in double and rounded once to float, as PyTorch's Python-side arithmetic
        // does before a scalar reaches a float kernel.
        this.beta1 = beta1;
        oneMinusBeta1 = (float)(1.0 - beta1);
        this.beta2 = beta2;
        oneMinusBeta2 = (float)(1.0 - beta2);
        this.weightDecay = weightDecay;
        decayFactor = (float)(1.0 - (double)learningRate * weightDecay);
        double biasCorrection1 = 1.0 - Math.Pow(beta1, step);
        double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
        biasCorrection2Sqrt = (float)Math.Sqrt(biasCorrection2);
        this.epsilon = epsilon;
        negativeStepSize = (float)(-learningRate / biasCorrection1);
        hasL2 = weightDecay != 0 && !decoupled;
        hasDecoupled = weightDecay != 0 && decoupled;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TLanes>(ref float parameter, ref readonly float gradient, ref float first, ref float second)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes p = TLanes.Load(in parameter);
        TLanes g = TLanes.Load(in gradient);
        if (hasL2)
            g = TLanes.FusedMultiplyAdd(p, TLanes.Create(weightDecay), g);
        if (hasDecoupled)
            p *= TLanes.Create(decayFactor);
        TLanes m = TLanes.FusedMultiplyAdd(g, TLanes.Create(oneMinusBeta1), TLanes.Load(in first) * TLanes.Create(beta1));
        TLanes v = TLanes.Load(in second) * TLanes.Create(beta2) + TLanes.Create(oneMinusBeta2) * g * g;
        m.Store(ref first);
        v.Store(ref second);
        TLanes denominator = TLanes.Sqrt(v) / TLanes.Create(biasCorrection2Sqrt) + TLanes.Create(epsilon);
        (p + TLanes.Create(negativeStepSize) * m / denominator).Store(ref parameter);
    }
}
