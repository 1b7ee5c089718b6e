namespace Precast.Benchmarks.Compare;

/// <summary>The sgemm figure: the speed of Precast's matrix product on a large square product, what its convolutions and dense layers could approach.</summary>
public static class SgemmTiming
{
    /// <summary>The median time of <see cref="Kernels.Gemm.Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/> of two <paramref name="size"/>² matrices.</summary>
    public static double Microseconds(int size)
    {
        float[] a = RandomValues.Create(size * size, seed: 8);
        float[] b = RandomValues.Create(size * size, seed: 9);
        var c = new float[size * size];
        return MedianTimer.MedianMicroseconds(() => Kernels.Gemm.Multiply<float>(a, b, c, size, size, size, accumulate: false), TimingBudget.Network);
    }
}
