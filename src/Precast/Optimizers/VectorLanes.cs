using System.Numerics;
using System.Runtime.CompilerServices;
using Precast.Kernels;

namespace Precast.Optimizers;

/// <summary>
/// <see cref="ILanes{TSelf}"/> over a <see cref="Vector{T}"/> of floats: as wide as the target
/// accelerates (8 with AVX2, 4 with SSE or NEON). Used only where <see cref="Vector.IsHardwareAccelerated"/>.
/// </summary>
internal readonly struct VectorLanes(Vector<float> value) : ILanes<VectorLanes>
{
    /// <summary>2^-126, the smallest normal float.</summary>
    private const double SmallestNormalSingle = 1.1754943508222875e-38;

    private readonly Vector<float> value = value;

    public static int Count => Vector<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Create(float value) => new(Vector.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Load(ref readonly float source) => new(Vector.LoadUnsafe(in source));

    /// <remarks>
    /// Without an FMA instruction (NativeAOT's default x64 target) the fused form is emulated lane by
    /// lane through the C library, which made an Adam step twice as slow (766 rather than 400 µs for
    /// 235k parameters) and SGD with momentum too (1,090 rather than 580 µs). Instead the product is formed in double, where it is exact (24 + 24 significant bits fit in
    /// 53), and the sum is rounded to double and then to float. Every point halfway between two floats
    /// is a double and rounding is monotonic, so rounding twice gives the correctly rounded float
    /// unless the double sum was inexact and lies exactly on such a point; the rare vector with such a
    /// lane takes the exact lane-by-lane form.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes FusedMultiplyAdd(VectorLanes a, VectorLanes b, VectorLanes c)
    {
        if (VectorMath.HasFusedMultiplyAdd)
            return new(Vector.FusedMultiplyAdd(a.value, b.value, c.value));
        Vector<double> lowerProduct = Vector.WidenLower(a.value) * Vector.WidenLower(b.value);
        Vector<double> upperProduct = Vector.WidenUpper(a.value) * Vector.WidenUpper(b.value);
        Vector<double> lowerAddend = Vector.WidenLower(c.value);
        Vector<double> upperAddend = Vector.WidenUpper(c.value);
        Vector<double> lower = lowerProduct + lowerAddend;
        Vector<double> upper = upperProduct + upperAddend;
        if ((RoundedTwiceWrongly(lowerProduct, lowerAddend, lower) | RoundedTwiceWrongly(upperProduct, upperAddend, upper)) != Vector<ulong>.Zero)
            return new(FusedLaneByLane(a.value, b.value, c.value));
        return new(Vector.Narrow(lower, upper));
    }

    /// <summary>
    /// The exact fused form, one lane at a time. Out of line, because its calls into the C library
    /// would make the JIT keep the hot path's vectors in memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector<float> FusedLaneByLane(Vector<float> a, Vector<float> b, Vector<float> c)
        => Vector.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Sqrt(VectorLanes x) => new(Vector.SquareRoot(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator +(VectorLanes left, VectorLanes right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator *(VectorLanes left, VectorLanes right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator /(VectorLanes left, VectorLanes right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination) => value.StoreUnsafe(ref destination);

    /// <summary>
    /// All ones in the lanes where rounding <paramref name="sum"/> (<paramref name="product"/> +
    /// <paramref name="addend"/> rounded to double) to float may differ from rounding the exact sum:
    /// the sum is inexact and lies halfway between two normal floats (the 29 bits below float's last
    /// significant bit are 1 and then zeros) or below 2^-126, where halfway points have other bit
    /// patterns. Without branches: for SGD's momentum (dampening 0) about half the lanes are exact sums
    /// on a halfway point, which a branch on them would mispredict.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> RoundedTwiceWrongly(Vector<double> product, Vector<double> addend, Vector<double> sum)
    {
        // Knuth's TwoSum: the rounding error of the sum, exactly.
        Vector<double> addendPart = sum - product;
        Vector<double> error = (product - (sum - addendPart)) + (addend - addendPart);
        Vector<ulong> halfway = Vector.Equals(Vector.AsVectorUInt64(sum) & Vector.Create(0x1FFF_FFFFUL), Vector.Create(0x1000_0000UL));
        Vector<double> subnormal = Vector.LessThan<double>(Vector.Abs(sum), Vector.Create(SmallestNormalSingle));
        Vector<double> exact = Vector.Equals<double>(error, Vector<double>.Zero);
        return (halfway | Vector.AsVectorUInt64(subnormal)) & ~Vector.AsVectorUInt64(exact);
    }
}
