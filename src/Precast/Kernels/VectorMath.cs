using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Precast.Kernels;

/// <summary>
/// Generic <see cref="Vector{T}"/> helpers for the kernels. The kernels are written for
/// <see cref="Vector{T}"/> rather than a fixed width because its width is the widest the target
/// accelerates: 256 bits under the JIT on AVX2 hardware (and NativeAOT built for x86-64-v3), 128 bits
/// under NativeAOT's default x64 target (SSE4.2), on x64 without AVX2 and on Arm64 (NEON). One source
/// thus serves every target, and the scalar paths are left for hardware with no SIMD at all. The
/// <c>typeof(T)</c> tests and the <c>IsSupported</c> checks are compile-time constants, so each
/// instantiation compiles to the single instruction sequence for its type and target.
/// </summary>
internal static class VectorMath
{
    /// <summary>
    /// Whether the vector paths apply to <typeparamref name="T"/>: <see cref="Vector{T}"/> is hardware
    /// accelerated and <typeparamref name="T"/> is float or double (the types the vector math and
    /// <see cref="Vector.Exp(Vector{float})"/> support). Everything else takes the scalar paths.
    /// </summary>
    public static bool IsAccelerated<T>()
        => Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>
    /// Whether the CPU fuses a vector multiply and add in one instruction: x64 with the FMA extension
    /// (not part of NativeAOT's default x64 target), and every Arm64 CPU.
    /// </summary>
    public static bool HasFusedMultiplyAdd
    {
        // NativeAOT leaves this a call unless told, and the optimizers read it once per vector.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }

    /// <summary>
    /// <c>a * b + c</c>, fused (one rounding) where the CPU has FMA (<see cref="HasFusedMultiplyAdd"/>).
    /// Elsewhere a multiply and an add, since emulating the fused form lane by lane would cost far
    /// more than the vector saves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        // HasFusedMultiplyAdd spelled out: through the property the JIT allocates registers worse
        // (vfmadd213ps and a move instead of vfmadd231ps) and the GEMM loops lose 3%.
        if (Fma.IsSupported || AdvSimd.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }
        return a * b + c;
    }

    /// <summary>Elementwise <c>e^x</c> for float and double vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x)
    {
        // At 256 bits Vector256.Exp computes float in the widest double vector the CPU has (512 bits
        // with AVX-512) where Vector.Exp keeps to 256: the same values, exact GELU 25% faster.
        if (typeof(T) == typeof(float) && Vector<byte>.Count == Vector256<byte>.Count)
            return Vector256.Exp(x.As<T, float>().AsVector256()).AsVector().As<float, T>();
        if (typeof(T) == typeof(float))
            return Vector.Exp(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector.Exp(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException($"Vector exp supports float and double, not {typeof(T).Name}.");
    }
}
