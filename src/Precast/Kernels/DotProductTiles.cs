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
/// rows in vectors and reduces the lanes once at the end. A tile of 3 rows of A × 4 rows of B needs
/// 12 accumulators + 3 A vectors + 1 B vector = 16 registers (all that x64 has without AVX-512) and
/// loads 7 vectors per 12 FMAs, so it is bound by the FMA units rather than by loads. Without FMA
/// every product needs a scratch register before it is added, a 17th, and the JIT would spill an
/// accumulator to memory every step (measured 45 rather than 29 GFLOP/s with SSE), so there the
/// tile is 3 × 3 rows. Column tiles are the outer loop: a tile's rows of B (4·k values, 12 KB at
/// k = 784) stay in L1 while the rows of A stream past from L2. W is the width of
/// <see cref="Vector{T}"/>, whatever the target accelerates (see <see cref="VectorMath"/>).
/// </para>
/// <para>
/// Long reductions are blocked inside the tile: each lane sums at most 128 products
/// (<see cref="DepthBlock{T}"/>, 1024 floats with 256-bit vectors) in its register, then adds them
/// to the lane's running total and starts again from zero. The totals live on the stack (in the
/// upper 16 registers where AVX-512 provides 32) and are touched only between blocks, so the inner
/// loop is unchanged and k up to one block (the MLP's 784) costs nothing extra. After the last block
/// the lanes are reduced, the last <c>k mod W</c> products added in scalar code, and the sum written
/// (or added) to C once. The rounding error grows with 128 + k/(128·W) + log W instead of k/W.
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
    /// Values of k per block: 128 vectors, so each lane sums at most 128 products in a register before
    /// they are added to the lane's running total.
    /// </summary>
    private static int DepthBlock<T>() => 128 * Vector<T>.Count;

    /// <summary>Computes the product; the references point at the first element of each matrix.</summary>
    public static void MultiplyTransposedB<T>(ref T a, nint lda, ref T b, nint ldb, ref T c, nint ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k > DepthBlock<T>())
            Tiles<T, Two>(ref a, lda, ref b, ldb, ref c, ldc, m, n, k, accumulate);
        else
            Tiles<T, One>(ref a, lda, ref b, ldb, ref c, ldc, m, n, k, accumulate);
    }

    /// <summary>
    /// The loops over tiles. <typeparamref name="TBlocks"/> is <see cref="One"/> when k fits one block
    /// and <see cref="Two"/> when it takes more, so that short products compile without the totals.
    /// </summary>
    private static void Tiles<T, TBlocks>(ref T a, nint lda, ref T b, nint ldb, ref T c, nint ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TBlocks : struct, ITileSize
    {
        for (int j = 0; j < n; j += ColsPerTile)
        {
            int cols = Math.Min(ColsPerTile, n - j);
            ref T bTile = ref Unsafe.Add(ref b, j * ldb);
            for (int i = 0; i < m; i += RowsPerTile)
            {
                ref T aTile = ref Unsafe.Add(ref a, i * lda);
                ref T cTile = ref Unsafe.Add(ref c, i * ldc + j);
                switch (Math.Min(RowsPerTile, m - i))
                {
                    case 3: TileOfRows<T, Three, TBlocks>(cols, ref aTile, lda, ref bTile, ldb, ref cTile, ldc, k, accumulate); break;
                    case 2: TileOfRows<T, Two, TBlocks>(cols, ref aTile, lda, ref bTile, ldb, ref cTile, ldc, k, accumulate); break;
                    default: TileOfRows<T, One, TBlocks>(cols, ref aTile, lda, ref bTile, ldb, ref cTile, ldc, k, accumulate); break;
                }
            }
        }
    }

    private static void TileOfRows<T, TRows, TBlocks>(int cols, ref T a, nint lda, ref T b, nint ldb, ref T c, nint ldc, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileSize
        where TBlocks : struct, ITileSize
    {
        switch (cols)
        {
            case 4: Tile<T, TRows, Four, TBlocks>(ref a, lda, ref b, ldb, ref c, ldc, k, accumulate); break;
            case 3: Tile<T, TRows, Three, TBlocks>(ref a, lda, ref b, ldb, ref c, ldc, k, accumulate); break;
            case 2: Tile<T, TRows, Two, TBlocks>(ref a, lda, ref b, ldb, ref c, ldc, k, accumulate); break;
            default: Tile<T, TRows, One, TBlocks>(ref a, lda, ref b, ldb, ref c, ldc, k, accumulate); break;
        }
    }

    /// <summary>
    /// C[0..TRows, 0..TCols] of the tile from rows 0..TRows of A (at <paramref name="a"/>) and
    /// rows 0..TCols of B (at <paramref name="b"/>); accumulator <c>cRS</c> holds row R × column S,
    /// and <c>totals</c> the sums of the blocks before the current one.
    /// </summary>
    // Straight to optimized code: the unoptimized first tier of a vector loop is over ten times
    // slower, and profile-guided tiers have nothing to add to a fixed-shape kernel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TRows, TCols, TBlocks>(ref T a, nint lda, ref T b, nint ldb, ref T c, nint ldc, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileSize
        where TCols : struct, ITileSize
        where TBlocks : struct, ITileSize
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
        Totals<T> totals = default; // never formed when TBlocks is One: the JIT drops what is unused

        nint width = Vector<T>.Count;
        nint vectorEnd = k - k % width;
        nint p = 0;
        while (true)
        {
            nint blockEnd = TBlocks.Value > 1 ? Math.Min(p + DepthBlock<T>(), vectorEnd) : vectorEnd;
            for (; p < blockEnd; p += width)
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
            if (TBlocks.Value == 1 || p == vectorEnd)
                break;
            // End of a block: its sums join the totals (on the stack) and the registers start again.
            totals.Add<TRows, TCols>(ref c00, ref c01, ref c02, ref c03, ref c10, ref c11, ref c12, ref c13, ref c20, ref c21, ref c22, ref c23);
        }
        if (TBlocks.Value > 1)
            totals.AddTo<TRows, TCols>(ref c00, ref c01, ref c02, ref c03, ref c10, ref c11, ref c12, ref c13, ref c20, ref c21, ref c22, ref c23);

        Finish(ref c, 0, c00, ref a0, ref b0, p, k, accumulate);
        if (TCols.Value > 1) Finish(ref c, 1, c01, ref a0, ref b1, p, k, accumulate);
        if (TCols.Value > 2) Finish(ref c, 2, c02, ref a0, ref b2, p, k, accumulate);
        if (TCols.Value > 3) Finish(ref c, 3, c03, ref a0, ref b3, p, k, accumulate);
        if (TRows.Value > 1)
        {
            ref T cRow1 = ref Unsafe.Add(ref c, ldc);
            Finish(ref cRow1, 0, c10, ref a1, ref b0, p, k, accumulate);
            if (TCols.Value > 1) Finish(ref cRow1, 1, c11, ref a1, ref b1, p, k, accumulate);
            if (TCols.Value > 2) Finish(ref cRow1, 2, c12, ref a1, ref b2, p, k, accumulate);
            if (TCols.Value > 3) Finish(ref cRow1, 3, c13, ref a1, ref b3, p, k, accumulate);
        }
        if (TRows.Value > 2)
        {
            ref T cRow2 = ref Unsafe.Add(ref c, 2 * ldc);
            Finish(ref cRow2, 0, c20, ref a2, ref b0, p, k, accumulate);
            if (TCols.Value > 1) Finish(ref cRow2, 1, c21, ref a2, ref b1, p, k, accumulate);
            if (TCols.Value > 2) Finish(ref cRow2, 2, c22, ref a2, ref b2, p, k, accumulate);
            if (TCols.Value > 3) Finish(ref cRow2, 3, c23, ref a2, ref b3, p, k, accumulate);
        }
    }

    /// <summary>
    /// Reduces one accumulator's lanes, adds the products from <paramref name="tailStart"/> to
    /// <paramref name="k"/> that did not fill a vector, and writes (or adds) the result at
    /// <c>cRow[column]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T>(ref T cRow, int column, Vector<T> sum, ref T aRow, ref T bRow, nint tailStart, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = Vector.Sum(sum);
        for (nint p = tailStart; p < k; p++)
            total += Unsafe.Add(ref aRow, p) * Unsafe.Add(ref bRow, p);
        ref T target = ref Unsafe.Add(ref cRow, column);
        target = accumulate ? target + total : total;
    }

    /// <summary>
    /// The running totals of a tile's 12 accumulators over the blocks before the current one, one
    /// vector each (lane by lane), kept on the stack while the registers sum the next block.
    /// </summary>
    [InlineArray(12)]
    private struct Totals<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Vector<T> _first;

        /// <summary><c>totals += c</c> and <c>c = 0</c> for the tile's accumulators.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add<TRows, TCols>(
            ref Vector<T> c00, ref Vector<T> c01, ref Vector<T> c02, ref Vector<T> c03,
            ref Vector<T> c10, ref Vector<T> c11, ref Vector<T> c12, ref Vector<T> c13,
            ref Vector<T> c20, ref Vector<T> c21, ref Vector<T> c22, ref Vector<T> c23)
            where TRows : struct, ITileSize
            where TCols : struct, ITileSize
        {
            Move(ref this[0], ref c00);
            if (TCols.Value > 1) Move(ref this[1], ref c01);
            if (TCols.Value > 2) Move(ref this[2], ref c02);
            if (TCols.Value > 3) Move(ref this[3], ref c03);
            if (TRows.Value > 1)
            {
                Move(ref this[4], ref c10);
                if (TCols.Value > 1) Move(ref this[5], ref c11);
                if (TCols.Value > 2) Move(ref this[6], ref c12);
                if (TCols.Value > 3) Move(ref this[7], ref c13);
            }
            if (TRows.Value > 2)
            {
                Move(ref this[8], ref c20);
                if (TCols.Value > 1) Move(ref this[9], ref c21);
                if (TCols.Value > 2) Move(ref this[10], ref c22);
                if (TCols.Value > 3) Move(ref this[11], ref c23);
            }
        }

        /// <summary><c>c = totals + c</c> for the tile's accumulators, after the last block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void AddTo<TRows, TCols>(
            ref Vector<T> c00, ref Vector<T> c01, ref Vector<T> c02, ref Vector<T> c03,
            ref Vector<T> c10, ref Vector<T> c11, ref Vector<T> c12, ref Vector<T> c13,
            ref Vector<T> c20, ref Vector<T> c21, ref Vector<T> c22, ref Vector<T> c23)
            where TRows : struct, ITileSize
            where TCols : struct, ITileSize
        {
            c00 = this[0] + c00;
            if (TCols.Value > 1) c01 = this[1] + c01;
            if (TCols.Value > 2) c02 = this[2] + c02;
            if (TCols.Value > 3) c03 = this[3] + c03;
            if (TRows.Value > 1)
            {
                c10 = this[4] + c10;
                if (TCols.Value > 1) c11 = this[5] + c11;
                if (TCols.Value > 2) c12 = this[6] + c12;
                if (TCols.Value > 3) c13 = this[7] + c13;
            }
            if (TRows.Value > 2)
            {
                c20 = this[8] + c20;
                if (TCols.Value > 1) c21 = this[9] + c21;
                if (TCols.Value > 2) c22 = this[10] + c22;
                if (TCols.Value > 3) c23 = this[11] + c23;
            }
        }

        private static void Move(ref Vector<T> total, ref Vector<T> sum)
        {
            total += sum;
            sum = default;
        }
    }
}
