using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// The plain triple loop behind <see cref="Gemm"/> for what the vector micro-kernels do not cover:
/// hardware without SIMD, element types other than float and double, and products whose
/// vectorized dimension is shorter than one vector. All three products are the same loop with
/// different strides, so one method serves them.
/// </summary>
internal static class ScalarGemm
{
    /// <summary>
    /// <c>C[i, j] (+)= Σ_p A(i, p) · B(p, j)</c> with <c>A(i, p) = a[i·aRow + p·aCol]</c>,
    /// <c>B(p, j) = b[p·bRow + j·bCol]</c> and C dense row-major [m, n].
    /// </summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int aRow, int aCol,
        ReadOnlySpan<T> b, int bRow, int bCol,
        Span<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, INumberBase<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> cRow = c.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                    sum += a[i * aRow + p * aCol] * b[p * bRow + j * bCol];
                cRow[j] = accumulate ? cRow[j] + sum : sum;
            }
        }
    }
}
