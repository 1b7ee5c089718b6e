using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// The arithmetic the optimizer rules are written in, over one value (<see cref="SingleLane{T}"/>)
/// or a whole <see cref="Vector{T}"/> of values (<see cref="VectorLanes{T}"/>). Each rule is written
/// once, generic over this interface, and <see cref="ElementwiseUpdate"/> runs it on vectors where SIMD
/// is accelerated and on single values for the rest. Every operation here is an IEEE 754 operation
/// rounded once per value, whatever the width, so both forms give bitwise the same result.
/// </summary>
/// <typeparam name="TSelf">The implementing struct; a type argument, so the JIT compiles each rule once per width with every call inlined.</typeparam>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
internal interface ILanes<TSelf, T> :
    IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>,
    IMultiplyOperators<TSelf, TSelf, TSelf>,
    IDivisionOperators<TSelf, TSelf, TSelf>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many consecutive values one instance holds.</summary>
    static abstract int Count { get; }

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TSelf Create(T value);

    /// <summary>The <see cref="Count"/> values starting at <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref readonly T source);

    /// <summary><c>a·b + c</c> rounded once, as PyTorch's CPU kernels compute it; exact even where the CPU has no FMA.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>The square root of every lane.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>The larger of each pair of lanes; NaN if either is NaN, as <c>torch.maximum</c>.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>−1, 0 or +1 by the sign of each lane (0 for ±0 and NaN), as the L1 penalty's subgradient.</summary>
    static abstract TSelf Sign(TSelf x);

    /// <summary>Writes the <see cref="Count"/> values starting at <paramref name="destination"/>.</summary>
    void Store(ref T destination);
}
