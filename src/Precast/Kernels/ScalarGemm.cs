using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// The plain triple loop behind <see cref="Gemm"/> for what the vector micro-kernels do not cover:
/// hardware without SIMD, element types other than float and double, and products whose
/// vectorized dimension is shorter than one vector. All three products are the same loop with
/// different strides, so one method serves them.
/// </summary>
/// <remarks>
/// The sum over k is blocked like <see cref="BroadcastTiles"/>: each value sums
/// <see cref="BroadcastTiles.DepthBlock"/> products at a time from zero, fused where the vector
/// kernels fuse, and adds the block's sum into C. A value computed here therefore has the same bits
/// as the same value computed by <see cref="BroadcastTiles"/> on the same target, so a product of
/// <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/> or
/// <see cref="Gemm.MultiplyTransposedA{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>
/// split into column slices narrower and wider than a vector gives the same result as one call.
/// </remarks>
internal static class ScalarGemm
{
    /// <summary>
    /// <c>C[i, j] (+)= Σ_p A(i, p) · B(p, j)</c> with <c>A(i, p) = a[i·aRow + p·aCol]</c>,
    /// <c>B(p, j) = b[p·bRow + j·bCol]</c> and <c>C[i, j] = c[i·ldc + j]</c>.
    /// </summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int aRow, int aCol,
        ReadOnlySpan<T> b, int bRow, int bCol,
        Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < k; start += BroadcastTiles.DepthBlock)
        {
            int end = Math.Min(k, start + BroadcastTiles.DepthBlock);
            bool add = accumulate || start > 0;
            for (int i = 0; i < m; i++)
            {
                Span<T> cRow = c.Slice(i * ldc, n);
                for (int j = 0; j < n; j++)
                {
                    T sum = T.Zero;
                    for (int p = start; p < end; p++)
                        sum = MultiplyAdd(a[i * aRow + p * aCol], b[p * bRow + j * bCol], sum);
                    cRow[j] = add ? cRow[j] + sum : sum;
                }
            }
        }
    }

    /// <summary><c>x · y + sum</c>, rounded once where <see cref="VectorMath.MultiplyAdd{T}"/> is.</summary>
    private static T MultiplyAdd<T>(T x, T y, T sum)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VectorMath.HasFusedMultiplyAdd && VectorMath.IsAccelerated<T>() ? T.FusedMultiplyAdd(x, y, sum) : x * y + sum;
}
