using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// The float arithmetic the optimizer rules are written in, over one value (<see cref="SingleLane"/>)
/// or a whole <see cref="Vector{T}"/> of values (<see cref="VectorLanes"/>). Each rule is written once,
/// generic over this interface, and <see cref="ElementwiseUpdate"/> runs it on vectors where SIMD is
/// accelerated and on single values for the rest. Every operation here is an IEEE 754 operation
/// rounded once per value, whatever the width, so both forms give bitwise the same result.
/// </summary>
/// <typeparam name="TSelf">The implementing struct; a type argument, so the JIT compiles each rule once per width with every call inlined.</typeparam>
internal interface ILanes<TSelf> :
    IAdditionOperators<TSelf, TSelf, TSelf>,
    IMultiplyOperators<TSelf, TSelf, TSelf>,
    IDivisionOperators<TSelf, TSelf, TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>How many consecutive values one instance holds.</summary>
    static abstract int Count { get; }

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TSelf Create(float value);

    /// <summary>The <see cref="Count"/> values starting at <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref readonly float source);

    /// <summary><c>a·b + c</c> rounded once, as PyTorch's CPU kernels compute it; exact even where the CPU has no FMA.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>The square root of every lane.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>Writes the <see cref="Count"/> values starting at <paramref name="destination"/>.</summary>
    void Store(ref float destination);
}
