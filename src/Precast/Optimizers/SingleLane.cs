using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// <see cref="ILanes{TSelf, T}"/> over one value: for the values after the last whole vector, and for
/// every value on hardware without SIMD, where vectors would be emulated one element at a time.
/// </summary>
internal readonly struct SingleLane<T>(T value) : ILanes<SingleLane<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T value = value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> Create(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> Load(ref readonly T source) => new(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> FusedMultiplyAdd(SingleLane<T> a, SingleLane<T> b, SingleLane<T> c)
        => new(T.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> Sqrt(SingleLane<T> x) => new(T.Sqrt(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> Max(SingleLane<T> a, SingleLane<T> b) => new(T.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> Sign(SingleLane<T> x)
        => new(x.value > T.Zero ? T.One : x.value < T.Zero ? T.NegativeOne : T.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> operator +(SingleLane<T> left, SingleLane<T> right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> operator -(SingleLane<T> left, SingleLane<T> right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> operator *(SingleLane<T> left, SingleLane<T> right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SingleLane<T> operator /(SingleLane<T> left, SingleLane<T> right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination) => destination = value;
}
