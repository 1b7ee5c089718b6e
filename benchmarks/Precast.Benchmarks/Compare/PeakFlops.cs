using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// What one core can compute at all: fused multiply-adds on registers only, no memory, in as many
/// independent chains as keep every FMA unit busy. A kernel's GFLOP/s over this is how much of the
/// core it uses; sgemm over this is how close a tuned matrix product gets.
/// </summary>
/// <param name="Gigaflops256">GFLOP/s with 256-bit vectors (8 floats; what Precast's kernels run on), or null without FMA.</param>
/// <param name="Gigaflops512">GFLOP/s with 512-bit vectors (16 floats), or null where .NET does not accelerate them.</param>
public sealed record PeakFlops(double? Gigaflops256, double? Gigaflops512)
{
    /// <summary>
    /// Independent accumulators. Each FMA waits for the last one on its chain (4 cycles on current
    /// x64 cores) and a core starts up to 2 a cycle, so 8 chains keep it busy; 12 leave room for
    /// longer latencies and still fit in the 16 vector registers of AVX2 with the two operands.
    /// </summary>
    public const int Chains = 12;

    // Iterations per timed call: 12 × 2^18 FMAs, about a millisecond.
    private const int Iterations = 1 << 18;

    private static float sink;

    /// <summary>Times the loop with each vector width the machine accelerates.</summary>
    public static PeakFlops Measure() => new(
        Fma.IsSupported && Vector256.IsHardwareAccelerated ? Gigaflops<Vector256<float>, Lanes256>() : null,
        Vector512.IsHardwareAccelerated ? Gigaflops<Vector512<float>, Lanes512>() : null);

    private static double Gigaflops<TVector, TLanes>()
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        double microseconds = MedianTimer.MedianMicroseconds(() => sink += Run<TVector, TLanes>(1f), TimingBudget.Kernel);
        double multiplies = (double)Iterations * Chains * (Unsafe.SizeOf<TVector>() / sizeof(float));
        return Speed.Gigaflops(multiplies, microseconds)!.Value;
    }

    // The chains, unrolled into locals so that the JIT keeps each in a register; acc·m + c with
    // m just under 1 converges instead of overflowing, so no value turns infinite or subnormal.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run<TVector, TLanes>(float seed)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        TVector m = TLanes.Create(0.999f), c = TLanes.Create(1e-3f);
        TVector a0 = TLanes.Create(seed), a1 = TLanes.Create(seed + 1), a2 = TLanes.Create(seed + 2), a3 = TLanes.Create(seed + 3);
        TVector a4 = TLanes.Create(seed + 4), a5 = TLanes.Create(seed + 5), a6 = TLanes.Create(seed + 6), a7 = TLanes.Create(seed + 7);
        TVector a8 = TLanes.Create(seed + 8), a9 = TLanes.Create(seed + 9), a10 = TLanes.Create(seed + 10), a11 = TLanes.Create(seed + 11);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = TLanes.MultiplyAdd(a0, m, c);
            a1 = TLanes.MultiplyAdd(a1, m, c);
            a2 = TLanes.MultiplyAdd(a2, m, c);
            a3 = TLanes.MultiplyAdd(a3, m, c);
            a4 = TLanes.MultiplyAdd(a4, m, c);
            a5 = TLanes.MultiplyAdd(a5, m, c);
            a6 = TLanes.MultiplyAdd(a6, m, c);
            a7 = TLanes.MultiplyAdd(a7, m, c);
            a8 = TLanes.MultiplyAdd(a8, m, c);
            a9 = TLanes.MultiplyAdd(a9, m, c);
            a10 = TLanes.MultiplyAdd(a10, m, c);
            a11 = TLanes.MultiplyAdd(a11, m, c);
        }
        // Every chain's first lane, so that none of them is dead code.
        return First(a0) + First(a1) + First(a2) + First(a3) + First(a4) + First(a5) +
            First(a6) + First(a7) + First(a8) + First(a9) + First(a10) + First(a11);

        static float First(TVector vector) => Unsafe.As<TVector, float>(ref vector);
    }

    // One loop for both widths: the JIT compiles Run once per struct argument, each call inlined.
    private interface ILanes<TVector>
    {
        static abstract TVector Create(float value);

        static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
    }

    private readonly struct Lanes256 : ILanes<Vector256<float>>
    {
        public static Vector256<float> Create(float value) => Vector256.Create(value);

        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    }

    private readonly struct Lanes512 : ILanes<Vector512<float>>
    {
        public static Vector512<float> Create(float value) => Vector512.Create(value);

        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    }
}
