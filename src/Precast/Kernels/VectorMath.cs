using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Precast.Kernels;

/// <summary>
/// Generic <see cref="Vector256{T}"/> helpers for the kernels. The <c>typeof(T)</c> tests are JIT-time
/// constants, so each instantiation compiles to the single instruction sequence for its type.
/// </summary>
internal static class VectorMath
{
    /// <summary>
    /// Whether the vector paths apply to <typeparamref name="T"/>: 256-bit vectors are hardware
    /// accelerated and <typeparamref name="T"/> is float or double (the types the vector math and
    /// <see cref="Vector256.Exp(Vector256{float})"/> support). Everything else takes the scalar paths.
    /// </summary>
    public static bool IsAccelerated<T>()
        => Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary><c>a * b + c</c>, fused (one rounding) where the CPU has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (Fma.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        return a * b + c;
    }

    /// <summary>Elementwise <c>e^x</c> for float and double vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float))
            return Vector256.Exp(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"Vector exp supports float and double, not {typeof(T).Name}.");
    }

    /// <summary>
    /// A mask whose lanes from <paramref name="firstKept"/> on are all ones and the lanes before it
    /// zero: for the last, overlapping vector of a row, where the lanes before
    /// <paramref name="firstKept"/> were already handled by the previous vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> KeepFrom<T>(int firstKept)
        where T : unmanaged, INumberBase<T>
        => Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(firstKept)));
}
