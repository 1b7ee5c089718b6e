using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// The penalties every optimizer applies before its own update (see <see cref="OptimizerOptions"/>):
/// the L1 term and the coupled weight decay added to the gradient, or the decoupled weight decay
/// applied to the parameter. <see cref="ElementwiseUpdate"/> applies them before the optimizer's rule.
/// </summary>
internal readonly struct Regularization<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T l1;
    private readonly T weightDecay;
    private readonly T decayFactor;
    private readonly bool hasL1;
    private readonly bool hasCoupled;
    private readonly bool hasDecoupled;

    /// <summary>The penalties of <paramref name="options"/> at learning rate <paramref name="learningRate"/> (decoupled decay scales with it).</summary>
    public Regularization(OptimizerOptions options, double learningRate)
    {
        l1 = TensorOps.Scalar<T>(options.L1);
        weightDecay = TensorOps.Scalar<T>(options.WeightDecay);
        // PyTorch's AdamW: param.mul_(1 - lr * weight_decay), the factor formed in double.
        decayFactor = TensorOps.Scalar<T>(1 - learningRate * options.WeightDecay);
        hasL1 = options.L1 != 0;
        hasCoupled = options.WeightDecay != 0 && !options.DecoupledWeightDecay;
        hasDecoupled = options.WeightDecay != 0 && options.DecoupledWeightDecay;
    }

    /// <summary>Adds the penalties' gradients to <paramref name="gradient"/> and decays <paramref name="parameter"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TLanes>(ref TLanes parameter, ref TLanes gradient)
        where TLanes : struct, ILanes<TLanes, T>
    {
        if (hasL1)
            gradient = TensorOps.Add(gradient, TLanes.Sign(parameter), l1);
        if (hasCoupled)
            gradient = TensorOps.Add(gradient, parameter, weightDecay);
        if (hasDecoupled)
            parameter *= TLanes.Create(decayFactor);
    }
}
