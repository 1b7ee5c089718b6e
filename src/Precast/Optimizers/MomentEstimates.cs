using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// The two moment estimates the Adam family (<see cref="AdamRule{T}"/>, <see cref="NAdamRule{T}"/>,
/// <see cref="RAdamRule{T}"/>) keeps in its first two state buffers: the mean of the gradients
/// (<c>exp_avg</c>, decay β1) and the mean of their squares (<c>exp_avg_sq</c>, decay β2).
/// </summary>
internal readonly struct MomentEstimates<T>(double beta1, double beta2)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ExponentialAverage<T> first = new(beta1);
    private readonly ExponentialAverage<T> second = new(beta2);

    /// <summary>Updates both estimates with <paramref name="gradient"/>, stores them, and returns them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (TLanes Mean, TLanes MeanOfSquares) Update<TLanes>(TLanes gradient, ref T mean, ref T meanOfSquares)
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes m = first.Of(TLanes.Load(in mean), gradient);
        TLanes v = second.OfSquares(TLanes.Load(in meanOfSquares), gradient);
        m.Store(ref mean);
        v.Store(ref meanOfSquares);
        return (m, v);
    }
}
