using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// PyTorch's in-place tensor operations as its CPU kernels round them, over lanes, so that each rule
/// reads line for line as the <c>torch.optim</c> function it mirrors: <c>a.add(b, alpha)</c> is one
/// fused multiply-add, <c>addcmul</c> and <c>addcdiv</c> scale their first tensor and then multiply or
/// divide by the second and add.
/// </summary>
internal static class TensorOps
{
    /// <summary><c>a.add(b, alpha=alpha)</c>: <c>a + alpha·b</c>, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Add<TLanes, T>(TLanes a, TLanes b, T alpha)
        where TLanes : struct, ILanes<TLanes, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => TLanes.FusedMultiplyAdd(b, TLanes.Create(alpha), a);

    /// <summary><c>a.mul(scale).add(b, alpha=alpha)</c>: an exponential moving average step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes MulAdd<TLanes, T>(TLanes a, T scale, TLanes b, T alpha)
        where TLanes : struct, ILanes<TLanes, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => TLanes.FusedMultiplyAdd(b, TLanes.Create(alpha), a * TLanes.Create(scale));

    /// <summary><c>a.addcmul(b, c, value=value)</c>: <c>a + (value·b)·c</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes AddCMul<TLanes, T>(TLanes a, T value, TLanes b, TLanes c)
        where TLanes : struct, ILanes<TLanes, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => a + TLanes.Create(value) * b * c;

    /// <summary><c>a.addcdiv(b, c, value=value)</c>: <c>a + (value·b)/c</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes AddCDiv<TLanes, T>(TLanes a, T value, TLanes b, TLanes c)
        where TLanes : struct, ILanes<TLanes, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => a + TLanes.Create(value) * b / c;

    /// <summary>A double coefficient rounded once to the element type, as PyTorch passes a Python float to a kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scalar<T>(double value)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.CreateTruncating(value);
}
