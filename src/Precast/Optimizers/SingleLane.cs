using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// <see cref="ILanes{TSelf}"/> over one float: for the values after the last whole vector, and for
/// every value on hardware without SIMD, where vectors would be emulated one element at a time.
/// </summary>
internal readonly struct SingleLane(float value) : ILanes<SingleLane>
{
    private readonly float value = value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane Create(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane Load(ref readonly float source) => new(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane FusedMultiplyAdd(SingleLane a, SingleLane b, SingleLane c)
        => new(float.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane Sqrt(SingleLane x) => new(float.Sqrt(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane operator +(SingleLane left, SingleLane right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane operator *(SingleLane left, SingleLane right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane operator /(SingleLane left, SingleLane right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination) => destination = value;
}
