using System.Numerics;
using System.Runtime.CompilerServices;
using Precast.Kernels;

namespace Precast.Optimizers;

/// <summary>
/// <see cref="ILanes{TSelf, T}"/> over a <see cref="Vector{T}"/>: as wide as the target accelerates (8
/// floats or 4 doubles with AVX2, half that with SSE or NEON). Used only where
/// <see cref="VectorMath.IsAccelerated{T}"/>.
/// </summary>
internal readonly struct VectorLanes<T>(Vector<T> value) : ILanes<VectorLanes<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>2^-126, the smallest normal float.</summary>
    private const double SmallestNormalSingle = 1.1754943508222875e-38;

    private readonly Vector<T> value = value;

    public static int Count => Vector<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> Create(T value) => new(Vector.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> Load(ref readonly T source) => new(Vector.LoadUnsafe(in source));

    /// <remarks>
    /// Without an FMA instruction (NativeAOT's default x64 target) the fused form is emulated lane by
    /// lane through the C library, which made a float Adam step twice as slow (766 rather than 400 µs
    /// for 235k parameters) and SGD with momentum too (1,090 rather than 580 µs). For floats the product
    /// is instead formed in double, where it is exact (24 + 24 significant bits fit in 53), and the sum is
    /// rounded to double and then to float. Every point halfway between two floats is a double and
    /// rounding is monotonic, so rounding twice gives the correctly rounded float unless the double sum
    /// was inexact and lies exactly on such a point; the rare vector with such a lane takes the exact
    /// lane-by-lane form. Doubles have no wider type to borrow, so they take the lane-by-lane form.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> FusedMultiplyAdd(VectorLanes<T> a, VectorLanes<T> b, VectorLanes<T> c)
    {
        if (VectorMath.HasFusedMultiplyAdd || typeof(T) != typeof(float))
            return new(FusedByHardwareOrLibrary(a.value, b.value, c.value));
        Vector<float> af = a.value.As<T, float>(), bf = b.value.As<T, float>(), cf = c.value.As<T, float>();
        Vector<double> lowerProduct = Vector.WidenLower(af) * Vector.WidenLower(bf);
        Vector<double> upperProduct = Vector.WidenUpper(af) * Vector.WidenUpper(bf);
        Vector<double> lowerAddend = Vector.WidenLower(cf);
        Vector<double> upperAddend = Vector.WidenUpper(cf);
        Vector<double> lower = lowerProduct + lowerAddend;
        Vector<double> upper = upperProduct + upperAddend;
        if ((RoundedTwiceWrongly(lowerProduct, lowerAddend, lower) | RoundedTwiceWrongly(upperProduct, upperAddend, upper)) != Vector<ulong>.Zero)
            return new(FusedLaneByLane(a.value, b.value, c.value));
        return new(Vector.Narrow(lower, upper).As<float, T>());
    }

    /// <summary>The fused form: one instruction where the CPU has FMA, else the C library lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> FusedByHardwareOrLibrary(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        if (!VectorMath.HasFusedMultiplyAdd)
            return FusedLaneByLane(a, b, c);
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }

    /// <summary>
    /// The exact fused form, one lane at a time. Out of line, because its calls into the C library
    /// would make the JIT keep the hot path's vectors in memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector<T> FusedLaneByLane(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> Sqrt(VectorLanes<T> x) => new(Vector.SquareRoot(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> Max(VectorLanes<T> a, VectorLanes<T> b) => new(Vector.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> Sign(VectorLanes<T> x)
    {
        // Comparisons give all-ones masks; NaN compares false both ways and gets 0, as SingleLane's.
        Vector<T> one = Vector<T>.One;
        return new((Vector.GreaterThan(x.value, Vector<T>.Zero) & one) - (Vector.LessThan(x.value, Vector<T>.Zero) & one));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> operator +(VectorLanes<T> left, VectorLanes<T> right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> operator -(VectorLanes<T> left, VectorLanes<T> right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> operator *(VectorLanes<T> left, VectorLanes<T> right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes<T> operator /(VectorLanes<T> left, VectorLanes<T> right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination) => value.StoreUnsafe(ref destination);

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
