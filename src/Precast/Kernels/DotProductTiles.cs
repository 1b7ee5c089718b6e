using System.Numerics;
using System.Runtime.CompilerServices;
using static Precast.Kernels.TileSizes;

namespace Precast.Kernels;

/// <summary>
/// The micro-kernel of <see cref="Gemm.MultiplyTransposedB{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>:
/// <c>C[m, n] (+)= A[m, k] · B[n, k]ᵀ</c>, i.e. <c>C[i, j] = Σ_p A[i, p] · B[j, p]</c>, with the
/// rows of A, B and C <c>lda</c>, <c>ldb</c> and <c>ldc</c> apart.
/// </summary>
/// <remarks>
/// <para>
/// Every output is the dot product of two contiguous rows, so the kernel runs along k with both
/// rows in vectors and reduces the lanes at the end of each block. A tile of 3 rows of A × 4 rows of
/// B needs 12 accumulators + 3 A vectors + 1 B vector = 16 registers (all that x64 has) and loads 7
/// vectors per 12 FMAs, so it is bound by the FMA units rather than by loads. Without FMA every
/// product needs a scratch register before it is added, a 17th, and the JIT would spill an
/// accumulator to memory every step (measured 45 rather than 29 GFLOP/s with SSE), so there the
/// tile is 3 × 3 rows. W is the width of <see cref="Vector{T}"/>, whatever the target accelerates
/// (see <see cref="VectorMath"/>).
/// </para>
/// <para>
/// Loops, outermost first: column tiles (4 rows of B), blocks of k of 128 vectors
/// (<see cref="DepthBlock{T}"/>), row tiles. A block of a tile's rows of B (4 × 128 vectors, 16 KB
/// in float or double with 256-bit vectors) stays in L1 while the rows of A stream past from L2.
/// Each lane sums at most 128 products of a block, the block's lanes are reduced and the sum added
/// into C (the first block overwrites C unless the call accumulates), so the rounding error grows
/// with 128 + k/(128·W) rather than with k/W. The last <c>k mod W</c> products of each dot product
/// are added in scalar code after the last block's reduction. Blocks are whole vectors, so k up to
/// 128·W (1024 floats with 256-bit vectors) is one block, as before blocking.
/// </para>
/// <para>
/// Edge tiles (fewer rows or columns) are the same kernel instantiated with smaller
/// <see cref="ITileSize"/> arguments, and every value of C is stored on its own: no store touches a
/// value outside the call's <c>[m, n]</c> view. Requires <c>k ≥ W</c> (one vector) and m, n ≥ 1.
/// </para>
/// </remarks>
internal static class DotProductTiles
{
    private const int RowsPerTile = 3;

    /// <summary>Rows of B per tile; a JIT-time constant (see the remarks).</summary>
    private static int ColsPerTile => VectorMath.HasFusedMultiplyAdd ? 4 : 3;

    /// <summary>
    /// Values of k per block: 128 vectors, so each lane sums at most 128 products before its block is
    /// reduced and added into C. A multiple of W, so only the last block has a scalar tail.
    /// </summary>
    private static int DepthBlock<T>() => 128 * Vector<T>.Count;

    /// <summary>Computes the product; the references point at the first element of each matrix.</summary>
    public static void MultiplyTransposedB<T>(ref T a, nint lda, ref T b, nint ldb, ref T c, nint ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int block = DepthBlock<T>();
        for (int j = 0; j < n; j += ColsPerTile)
        {
            int cols = Math.Min(ColsPerTile, n - j);
            for (int p = 0; p < k; p += block)
            {
                int depth = Math.Min(block, k - p);
                bool add = accumulate || p > 0;
                ref T bTile = ref Unsafe.Add(ref b, j * ldb + p);
                for (int i = 0; i < m; i += RowsPerTile)
                {
                    ref T aTile = ref Unsafe.Add(ref a, i * lda + p);
                    ref T cTile = ref Unsafe.Add(ref c, i * ldc + j);
                    switch (Math.Min(RowsPerTile, m - i))
                    {
                        case 3: TileOfRows<T, Three>(cols, ref aTile, lda, ref bTile, ldb, ref cTile, ldc, depth, add); break;
                        case 2: TileOfRows<T, Two>(cols, ref aTile, lda, ref bTile, ldb, ref cTile, ldc, depth, add); break;
                        default: TileOfRows<T, One>(cols, ref aTile, lda, ref bTile, ldb, ref cTile, ldc, depth, add); break;
                    }
                }
            }
        }
    }

    private static void TileOfRows<T, TRows>(int cols, ref T a, nint lda, ref T b, nint ldb, ref T c, nint ldc, int depth, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileSize
    {
        switch (cols)
        {
            case 4: Tile<T, TRows, Four>(ref a, lda, ref b, ldb, ref c, ldc, depth, add); break;
            case 3: Tile<T, TRows, Three>(ref a, lda, ref b, ldb, ref c, ldc, depth, add); break;
            case 2: Tile<T, TRows, Two>(ref a, lda, ref b, ldb, ref c, ldc, depth, add); break;
            default: Tile<T, TRows, One>(ref a, lda, ref b, ldb, ref c, ldc, depth, add); break;
        }
    }

    /// <summary>
    /// C[0..TRows, 0..TCols] of the tile (+)= the dot products of <paramref name="depth"/> values of
    /// rows 0..TRows of A (at <paramref name="a"/>) and rows 0..TCols of B (at <paramref name="b"/>);
    /// accumulator <c>cRS</c> holds row R × column S.
    /// </summary>
    // Straight to optimized code: the unoptimized first tier of a vector loop is over ten times
    // slower, and profile-guided tiers have nothing to add to a fixed-shape kernel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TRows, TCols>(ref T a, nint lda, ref T b, nint ldb, ref T c, nint ldc, int depth, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileSize
        where TCols : struct, ITileSize
    {
        // Rows past the tile's size are never formed, so no reference points outside the matrices.
        ref T a0 = ref a;
        ref T a1 = ref TRows.Value > 1 ? ref Unsafe.Add(ref a, lda) : ref a;
        ref T a2 = ref TRows.Value > 2 ? ref Unsafe.Add(ref a, 2 * lda) : ref a;
        ref T b0 = ref b;
        ref T b1 = ref TCols.Value > 1 ? ref Unsafe.Add(ref b, ldb) : ref b;
        ref T b2 = ref TCols.Value > 2 ? ref Unsafe.Add(ref b, 2 * ldb) : ref b;
        ref T b3 = ref TCols.Value > 3 ? ref Unsafe.Add(ref b, 3 * ldb) : ref b;

        Vector<T> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector<T> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector<T> c20 = default, c21 = default, c22 = default, c23 = default;

        nint width = Vector<T>.Count;
        nint p = 0;
        for (; p <= depth - width; p += width)
        {
            Vector<T> va0 = Vector.LoadUnsafe(ref a0, (nuint)p);
            Vector<T> va1 = TRows.Value > 1 ? Vector.LoadUnsafe(ref a1, (nuint)p) : default;
            Vector<T> va2 = TRows.Value > 2 ? Vector.LoadUnsafe(ref a2, (nuint)p) : default;

            Vector<T> vb = Vector.LoadUnsafe(ref b0, (nuint)p);
            c00 = VectorMath.MultiplyAdd(va0, vb, c00);
            if (TRows.Value > 1) c10 = VectorMath.MultiplyAdd(va1, vb, c10);
            if (TRows.Value > 2) c20 = VectorMath.MultiplyAdd(va2, vb, c20);
            if (TCols.Value > 1)
            {
                vb = Vector.LoadUnsafe(ref b1, (nuint)p);
                c01 = VectorMath.MultiplyAdd(va0, vb, c01);
                if (TRows.Value > 1) c11 = VectorMath.MultiplyAdd(va1, vb, c11);
                if (TRows.Value > 2) c21 = VectorMath.MultiplyAdd(va2, vb, c21);
            }
            if (TCols.Value > 2)
            {
                vb = Vector.LoadUnsafe(ref b2, (nuint)p);
                c02 = VectorMath.MultiplyAdd(va0, vb, c02);
                if (TRows.Value > 1) c12 = VectorMath.MultiplyAdd(va1, vb, c12);
                if (TRows.Value > 2) c22 = VectorMath.MultiplyAdd(va2, vb, c22);
            }
            if (TCols.Value > 3)
            {
                vb = Vector.LoadUnsafe(ref b3, (nuint)p);
                c03 = VectorMath.MultiplyAdd(va0, vb, c03);
                if (TRows.Value > 1) c13 = VectorMath.MultiplyAdd(va1, vb, c13);
                if (TRows.Value > 2) c23 = VectorMath.MultiplyAdd(va2, vb, c23);
            }
        }

        Finish(ref c, 0, c00, ref a0, ref b0, p, depth, add);
        if (TCols.Value > 1) Finish(ref c, 1, c01, ref a0, ref b1, p, depth, add);
        if (TCols.Value > 2) Finish(ref c, 2, c02, ref a0, ref b2, p, depth, add);
        if (TCols.Value > 3) Finish(ref c, 3, c03, ref a0, ref b3, p, depth, add);
        if (TRows.Value > 1)
        {
            ref T cRow1 = ref Unsafe.Add(ref c, ldc);
            Finish(ref cRow1, 0, c10, ref a1, ref b0, p, depth, add);
            if (TCols.Value > 1) Finish(ref cRow1, 1, c11, ref a1, ref b1, p, depth, add);
            if (TCols.Value > 2) Finish(ref cRow1, 2, c12, ref a1, ref b2, p, depth, add);
            if (TCols.Value > 3) Finish(ref cRow1, 3, c13, ref a1, ref b3, p, depth, add);
        }
        if (TRows.Value > 2)
        {
            ref T cRow2 = ref Unsafe.Add(ref c, 2 * ldc);
            Finish(ref cRow2, 0, c20, ref a2, ref b0, p, depth, add);
            if (TCols.Value > 1) Finish(ref cRow2, 1, c21, ref a2, ref b1, p, depth, add);
            if (TCols.Value > 2) Finish(ref cRow2, 2, c22, ref a2, ref b2, p, depth, add);
            if (TCols.Value > 3) Finish(ref cRow2, 3, c23, ref a2, ref b3, p, depth, add);
        }
    }

    /// <summary>
    /// Reduces one accumulator's lanes, adds the products from <paramref name="tailStart"/> to
    /// <paramref name="depth"/> that did not fill a vector, and writes (or adds) the result at
    /// <c>cRow[column]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T>(ref T cRow, int column, Vector<T> sum, ref T aRow, ref T bRow, nint tailStart, int depth, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = Vector.Sum(sum);
        for (nint p = tailStart; p < depth; p++)
            total += Unsafe.Add(ref aRow, p) * Unsafe.Add(ref bRow, p);
        ref T target = ref Unsafe.Add(ref cRow, column);
        target = add ? target + total : total;
    }
}
