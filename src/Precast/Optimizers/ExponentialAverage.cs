using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// An exponential moving average with decay <c>β</c>, updated as PyTorch updates its optimizers'
/// running averages: <c>a.mul_(β).add_(x, alpha=1 − β)</c> for a mean, and
/// <c>a.mul_(β).addcmul_(x, x, value=1 − β)</c> for a mean of squares (Adam's moments, RMSProp's and
/// Adadelta's averages). The complement is formed in double and rounded once.
/// </summary>
internal readonly struct ExponentialAverage<T>(double decay)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T decay = TensorOps.Scalar<T>(decay);
    private readonly T complement = TensorOps.Scalar<T>(1 - decay);

    /// <summary><c>β·average + (1 − β)·x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Of<TLanes>(TLanes average, TLanes x) where TLanes : struct, ILanes<TLanes, T>
        => TensorOps.MulAdd(average, decay, x, complement);

    /// <summary><c>β·average + (1 − β)·x²</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes OfSquares<TLanes>(TLanes average, TLanes x) where TLanes : struct, ILanes<TLanes, T>
        => TensorOps.AddCMul(average * TLanes.Create(decay), complement, x, x);
}
