using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Sgd"/>; the momentum buffer is the first state buffer. Each line mirrors
/// one tensor operation of PyTorch's <c>_single_tensor_sgd</c> (1.13), computed the way its CPU
/// kernels compute them: <c>a.add(b, alpha)</c> as the fused <c>a + alpha·b</c>.
/// </summary>
internal readonly struct SgdRule : IElementwiseRule
{
    private readonly float negativeLearningRate;
    private readonly float momentum;
    private readonly float oneMinusDampening;
    private readonly float weightDecay;
    private readonly bool hasMomentum;
    private readonly bool hasWeightDecay;
    private readonly bool firstStep;
    private readonly bool nesterov;

    public SgdRule(float learningRate, float momentum, float dampening, float weightDecay, bool nesterov, bool firstStep)
    {
        negativeLearningRate = -learningRate;
        this.momentum = momentum;
        // PyTorch forms 1 - dampening in double and rounds once to float.
        oneMinusDampening = (float)(1.0 - dampening);
        this.weightDecay = weightDecay;
        hasMomentum = momentum != 0;
        hasWeightDecay = weightDecay != 0;
        this.firstStep = firstStep;
        this.nesterov = nesterov;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TLanes>(ref float parameter, ref readonly float gradient, ref float first, ref float second)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes p = TLanes.Load(in parameter);
        TLanes g = TLanes.Load(in gradient);
        if (hasWeightDecay)
            g = TLanes.FusedMultiplyAdd(p, TLanes.Create(weightDecay), g);
        if (hasMomentum)
        {
            // PyTorch starts the buffer as a copy of the first gradient, not as zero.
            TLanes buffer = firstStep
                ? g
                : TLanes.FusedMultiplyAdd(g, TLanes.Create(oneMinusDampening), TLanes.Load(in first) * TLanes.Create(momentum));
            buffer.Store(ref first);
            g = nesterov ? TLanes.FusedMultiplyAdd(buffer, TLanes.Create(momentum), g) : buffer;
        }
        TLanes.FusedMultiplyAdd(g, TLanes.Create(negativeLearningRate), p).Store(ref parameter);
    }
}
