using System.Runtime.Intrinsics;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Sgd"/> on eight values; the momentum buffer is the first state buffer.
/// Each line mirrors one tensor operation of PyTorch's <c>_single_tensor_sgd</c> (1.13), computed the
/// way its CPU kernels compute them: <c>a.add(b, alpha)</c> as the fused <c>a + alpha·b</c>.
/// </summary>
internal readonly struct SgdRule : IElementwiseRule
{
    private readonly Vector256<float> negativeLearningRate;
    private readonly Vector256<float> momentum;
    private readonly Vector256<float> oneMinusDampening;
    private readonly Vector256<float> weightDecay;
    private readonly bool hasMomentum;
    private readonly bool hasWeightDecay;
    private readonly bool firstStep;
    private readonly bool nesterov;

    public SgdRule(float learningRate, float momentum, float dampening, float weightDecay, bool nesterov, bool firstStep)
    {
        negativeLearningRate = Vector256.Create(-learningRate);
        this.momentum = Vector256.Create(momentum);
        // PyTorch forms 1 - dampening in double and rounds once to float.
        oneMinusDampening = Vector256.Create((float)(1.0 - dampening));
        this.weightDecay = Vector256.Create(weightDecay);
        hasMomentum = momentum != 0;
        hasWeightDecay = weightDecay != 0;
        this.firstStep = firstStep;
        this.nesterov = nesterov;
    }

    public void Apply(ref float parameter, ref readonly float gradient, ref float first, ref float second)
    {
        Vector256<float> p = Vector256.LoadUnsafe(in parameter);
        Vector256<float> g = Vector256.LoadUnsafe(in gradient);
        if (hasWeightDecay)
            g = Vector256.FusedMultiplyAdd(p, weightDecay, g);
        if (hasMomentum)
        {
            // PyTorch starts the buffer as a copy of the first gradient, not as zero.
            Vector256<float> buffer = firstStep
                ? g
                : Vector256.FusedMultiplyAdd(g, oneMinusDampening, Vector256.LoadUnsafe(in first) * momentum);
            buffer.StoreUnsafe(ref first);
            g = nesterov ? Vector256.FusedMultiplyAdd(buffer, momentum, g) : buffer;
        }
        Vector256.FusedMultiplyAdd(g, negativeLearningRate, p).StoreUnsafe(ref parameter);
    }
}
