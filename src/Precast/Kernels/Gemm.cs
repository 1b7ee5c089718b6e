using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// Matrix products, the hot path of training. All matrices are row-major; each product comes in a
/// dense form and in a form with leading dimensions (<c>lda</c>, <c>ldb</c>, <c>ldc</c>: the distance
/// between the starts of consecutive rows, at least the row length), so that C can be a column slice
/// of a wider buffer (a branch writing its part of a concatenation) and A and B can be strided views
/// (one attention head's columns of a [T, H·Dh] matrix). The output must share no value with either
/// input. With <c>accumulate</c> false the product overwrites C, with true it is added to what C
/// holds. Single-threaded, allocation-free, no packing buffers: register-blocked
/// <see cref="Vector{T}"/> micro-kernels (FMA where the CPU has it) for float and double at the
/// widest vector width the target accelerates, and a plain loop for other element types and hardware
/// without SIMD.
/// </summary>
/// <remarks>
/// <para>
/// <b>Long reductions are blocked.</b> The summed dimension k is cut into blocks (512 products per
/// accumulator for <see cref="Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>
/// and <see cref="MultiplyTransposedA{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>,
/// whose block sums are added into C; 128 products per vector lane for
/// <see cref="MultiplyTransposedB{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>,
/// whose block sums are added to per-lane totals). Each block is summed in registers from zero, so
/// the rounding error grows with the block length plus the number of blocks instead of with k: a
/// float weight gradient summed over 200,000 positive products comes within 1e-6 of the exact value
/// rather than 2e-5.
/// </para>
/// <para>
/// <b>A call writes only its own values.</b> Every store touches only <c>C[i, j]</c> with
/// <c>0 ≤ i &lt; m</c> and <c>0 ≤ j &lt; n</c>: a column tail narrower than a vector is stored lane by
/// lane, never by rewriting a wider vector, so values of the buffer outside the [m, n] view (a
/// neighbouring slice, the padding of a leading dimension) are neither read nor written, and a
/// product can be split into calls over disjoint rows or columns (threads, later) without races.
/// </para>
/// <para>
/// <b>Results are deterministic.</b> Each <c>C[i, j]</c> is computed by one fixed sequence of
/// operations that depends only on k, the element type and the path (vector width, FMA), not on m, n,
/// the leading dimensions or where the value sits in its tile; so splitting a product over rows or
/// columns gives the same bits as one call. Different paths (AVX2, SSE, NEON, scalar) may differ in
/// the last bits.
/// </para>
/// </remarks>
public static class Gemm
{
    /// <summary>
    /// <c>C[m, n] (+)= A[m, k] · B[n, k]ᵀ</c>, i.e. <c>C[i, j] = Σ_p A[i, p] · B[j, p]</c>: a Dense
    /// layer's forward pass <c>y = x · Wᵀ</c> with x [batch, in] and W [out, in].
    /// </summary>
    /// <typeparam name="T">float or double (others run the scalar loop).</typeparam>
    /// <param name="a">A, m × k values.</param>
    /// <param name="b">B, n × k values.</param>
    /// <param name="c">C, m × n values.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Rows of B, columns of C.</param>
    /// <param name="k">Columns of A and B, the summed dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or C overlaps A or B.</exception>
    public static void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, k, b, k, c, n, m, n, k, "Gemm.MultiplyTransposedB", aTransposed: false, bTransposed: true, dense: true);
        TransposedB(a, k, b, k, c, n, m, n, k, accumulate);
    }

    /// <summary>
    /// <c>C[m, n] (+)= A[m, k] · B[n, k]ᵀ</c> on strided views: <c>A[i, p] = a[i·lda + p]</c>,
    /// <c>B[j, p] = b[j·ldb + p]</c>, <c>C[i, j] = c[i·ldc + j]</c>. Values of the spans outside the
    /// views are neither read nor written.
    /// </summary>
    /// <typeparam name="T">float or double (others run the scalar loop).</typeparam>
    /// <param name="a">A, at least (m − 1)·lda + k values.</param>
    /// <param name="lda">Distance between rows of A, at least k.</param>
    /// <param name="b">B, at least (n − 1)·ldb + k values.</param>
    /// <param name="ldb">Distance between rows of B, at least k.</param>
    /// <param name="c">C, at least (m − 1)·ldc + n values.</param>
    /// <param name="ldc">Distance between rows of C, at least n.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Rows of B, columns of C.</param>
    /// <param name="k">Columns of A and B, the summed dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or a leading dimension is shorter than its row.</exception>
    /// <exception cref="ArgumentException">A span is too short for its view, or C shares a value with A or B.</exception>
    public static void MultiplyTransposedB<T>(
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, lda, b, ldb, c, ldc, m, n, k, "Gemm.MultiplyTransposedB", aTransposed: false, bTransposed: true, dense: false);
        TransposedB(a, lda, b, ldb, c, ldc, m, n, k, accumulate);
    }

    /// <summary>
    /// <c>C[m, n] (+)= A[m, k] · B[k, n]</c>, i.e. <c>C[i, j] = Σ_p A[i, p] · B[p, j]</c>: a Dense
    /// layer's input gradient <c>dx = dy · W</c> with dy [batch, out] and W [out, in].
    /// </summary>
    /// <typeparam name="T">float or double (others run the scalar loop).</typeparam>
    /// <param name="a">A, m × k values.</param>
    /// <param name="b">B, k × n values.</param>
    /// <param name="c">C, m × n values.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B, the summed dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or C overlaps A or B.</exception>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, k, b, n, c, n, m, n, k, "Gemm.Multiply", aTransposed: false, bTransposed: false, dense: true);
        Plain(a, k, b, n, c, n, m, n, k, accumulate);
    }

    /// <summary>
    /// <c>C[m, n] (+)= A[m, k] · B[k, n]</c> on strided views: <c>A[i, p] = a[i·lda + p]</c>,
    /// <c>B[p, j] = b[p·ldb + j]</c>, <c>C[i, j] = c[i·ldc + j]</c>. Values of the spans outside the
    /// views are neither read nor written.
    /// </summary>
    /// <typeparam name="T">float or double (others run the scalar loop).</typeparam>
    /// <param name="a">A, at least (m − 1)·lda + k values.</param>
    /// <param name="lda">Distance between rows of A, at least k.</param>
    /// <param name="b">B, at least (k − 1)·ldb + n values.</param>
    /// <param name="ldb">Distance between rows of B, at least n.</param>
    /// <param name="c">C, at least (m − 1)·ldc + n values.</param>
    /// <param name="ldc">Distance between rows of C, at least n.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B, the summed dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or a leading dimension is shorter than its row.</exception>
    /// <exception cref="ArgumentException">A span is too short for its view, or C shares a value with A or B.</exception>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, lda, b, ldb, c, ldc, m, n, k, "Gemm.Multiply", aTransposed: false, bTransposed: false, dense: false);
        Plain(a, lda, b, ldb, c, ldc, m, n, k, accumulate);
    }

    /// <summary>
    /// <c>C[m, n] (+)= A[k, m]ᵀ · B[k, n]</c>, i.e. <c>C[i, j] = Σ_p A[p, i] · B[p, j]</c>: a Dense
    /// layer's weight gradient <c>dW += dyᵀ · x</c> with dy [batch, out] and x [batch, in].
    /// </summary>
    /// <typeparam name="T">float or double (others run the scalar loop).</typeparam>
    /// <param name="a">A, k × m values.</param>
    /// <param name="b">B, k × n values.</param>
    /// <param name="c">C, m × n values.</param>
    /// <param name="m">Columns of A, rows of C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Rows of A and B, the summed dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or C overlaps A or B.</exception>
    public static void MultiplyTransposedA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, m, b, n, c, n, m, n, k, "Gemm.MultiplyTransposedA", aTransposed: true, bTransposed: false, dense: true);
        TransposedA(a, m, b, n, c, n, m, n, k, accumulate);
    }

    /// <summary>
    /// <c>C[m, n] (+)= A[k, m]ᵀ · B[k, n]</c> on strided views: <c>A[p, i] = a[p·lda + i]</c>,
    /// <c>B[p, j] = b[p·ldb + j]</c>, <c>C[i, j] = c[i·ldc + j]</c>. Values of the spans outside the
    /// views are neither read nor written.
    /// </summary>
    /// <typeparam name="T">float or double (others run the scalar loop).</typeparam>
    /// <param name="a">A, at least (k − 1)·lda + m values.</param>
    /// <param name="lda">Distance between rows of A, at least m.</param>
    /// <param name="b">B, at least (k − 1)·ldb + n values.</param>
    /// <param name="ldb">Distance between rows of B, at least n.</param>
    /// <param name="c">C, at least (m − 1)·ldc + n values.</param>
    /// <param name="ldc">Distance between rows of C, at least n.</param>
    /// <param name="m">Columns of A, rows of C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Rows of A and B, the summed dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or a leading dimension is shorter than its row.</exception>
    /// <exception cref="ArgumentException">A span is too short for its view, or C shares a value with A or B.</exception>
    public static void MultiplyTransposedA<T>(
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, lda, b, ldb, c, ldc, m, n, k, "Gemm.MultiplyTransposedA", aTransposed: true, bTransposed: false, dense: false);
        TransposedA(a, lda, b, ldb, c, ldc, m, n, k, accumulate);
    }

    private static void TransposedB<T>(
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsEmpty(c, ldc, m, n, k, accumulate))
            return;
        if (VectorMath.IsAccelerated<T>() && k >= Vector<T>.Count)
            DotProductTiles.MultiplyTransposedB(
                ref MemoryMarshal.GetReference(a), lda, ref MemoryMarshal.GetReference(b), ldb,
                ref MemoryMarshal.GetReference(c), ldc, m, n, k, accumulate);
        else
            ScalarGemm.Multiply(a, lda, 1, b, 1, ldb, c, ldc, m, n, k, accumulate);
    }

    private static void Plain<T>(
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsEmpty(c, ldc, m, n, k, accumulate))
            return;
        if (VectorMath.IsAccelerated<T>() && n >= Vector<T>.Count)
            BroadcastTiles.Multiply(
                ref MemoryMarshal.GetReference(a), lda, 1, ref MemoryMarshal.GetReference(b), ldb,
                ref MemoryMarshal.GetReference(c), ldc, m, n, k, accumulate);
        else
            ScalarGemm.Multiply(a, lda, 1, b, ldb, 1, c, ldc, m, n, k, accumulate);
    }

    private static void TransposedA<T>(
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsEmpty(c, ldc, m, n, k, accumulate))
            return;
        if (VectorMath.IsAccelerated<T>() && n >= Vector<T>.Count)
            BroadcastTiles.Multiply(
                ref MemoryMarshal.GetReference(a), 1, lda, ref MemoryMarshal.GetReference(b), ldb,
                ref MemoryMarshal.GetReference(c), ldc, m, n, k, accumulate);
        else
            ScalarGemm.Multiply(a, 1, lda, b, ldb, 1, c, ldc, m, n, k, accumulate);
    }

    /// <summary>
    /// Checks the dimensions; that A holds [m, k] (or [k, m] when <paramref name="aTransposed"/>), B
    /// [k, n] (or [n, k] when <paramref name="bTransposed"/>) and C [m, n], exactly when
    /// <paramref name="dense"/> and otherwise as views with rows lda, ldb and ldc apart; and that C
    /// shares no value with A or B.
    /// </summary>
    // Inlined so that the flags, constant at every call site, select the checks at JIT time: the
    // per-call cost matters for the batch-1 products, which take well under a microsecond.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Validate<T>(
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k,
        string method, bool aTransposed, bool bTransposed, bool dense)
    {
        KernelGuard.Dimension(m, method, nameof(m));
        KernelGuard.Dimension(n, method, nameof(n));
        KernelGuard.Dimension(k, method, nameof(k));
        (int aRows, int aCols, string aRowsName, string aColsName) = aTransposed ? (k, m, nameof(k), nameof(m)) : (m, k, nameof(m), nameof(k));
        (int bRows, int bCols, string bRowsName, string bColsName) = bTransposed ? (n, k, nameof(n), nameof(k)) : (k, n, nameof(k), nameof(n));
        if (dense)
        {
            KernelGuard.Matrix(a.Length, aRows, aCols, method, nameof(a), aRowsName, aColsName);
            KernelGuard.Matrix(b.Length, bRows, bCols, method, nameof(b), bRowsName, bColsName);
            KernelGuard.Matrix(c.Length, m, n, method, nameof(c), nameof(m), nameof(n));
        }
        else
        {
            KernelGuard.StridedMatrix(a.Length, aRows, aCols, lda, method, nameof(a), nameof(lda), aRowsName, aColsName);
            KernelGuard.StridedMatrix(b.Length, bRows, bCols, ldb, method, nameof(b), nameof(ldb), bRowsName, bColsName);
            KernelGuard.StridedMatrix(c.Length, m, n, ldc, method, nameof(c), nameof(ldc), nameof(m), nameof(n));
        }
        KernelGuard.Separate<T>(c, m, n, ldc, a, aRows, aCols, lda, method, nameof(c), nameof(a));
        KernelGuard.Separate<T>(c, m, n, ldc, b, bRows, bCols, ldb, method, nameof(c), nameof(b));
    }

    /// <summary>
    /// Handles the products with nothing to multiply, so the kernels never see an empty matrix: C is
    /// empty (m or n is 0), or k is 0 and the product is all zeros (written to C's rows only).
    /// </summary>
    private static bool IsEmpty<T>(Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
            return true;
        if (k != 0)
            return false;
        if (!accumulate)
        {
            for (int i = 0; i < m; i++)
                c.Slice(i * ldc, n).Clear();
        }
        return true;
    }
}
