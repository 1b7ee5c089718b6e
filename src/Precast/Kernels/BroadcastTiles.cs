using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Precast.Kernels.TileSizes;

namespace Precast.Kernels;

/// <summary>
/// The micro-kernel of <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>
/// and <see cref="Gemm.MultiplyTransposedA{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool)"/>:
/// <c>C[i, j] (+)= Σ_p A(i, p) · B[p, j]</c> with B [k, n] and C [m, n] row-major with rows
/// <c>ldb</c> and <c>ldc</c> apart, and A read through strides, <c>A(i, p) = a[i·rowStride + p·colStride]</c>:
/// Multiply passes A[m, k] (rowStride lda, colStride 1), MultiplyTransposedA passes A[k, m]
/// (rowStride 1, colStride lda). Nothing else differs.
/// </summary>
/// <remarks>
/// <para>
/// A tile of C of 6 rows × 2 vectors stays in 12 registers over a block of k; each step loads two
/// vectors of row p of B and broadcasts one value of A per row, 12 FMAs for 2 loads and 6
/// broadcasts, with 15 of the 16 vector registers of x64 in use (Arm64 has 32). W is the width of
/// <see cref="Vector{T}"/>, whatever the target accelerates (see <see cref="VectorMath"/>).
/// </para>
/// <para>
/// Loops, outermost first: column panels of 2 vectors, blocks of <see cref="DepthBlock"/> values of
/// k, row tiles. Every row tile of a block reuses the block's panel of B (512 × 2 vectors, 32 KB in
/// float or double with 256-bit vectors: L1 or L2, which at 2 loads per 12 FMAs keeps up either
/// way), and the panel's column of C (m × 2 vectors) stays in cache from one block to the next. Each
/// tile sums its block in registers from zero and then adds the sums into C (the first block
/// overwrites C unless the call accumulates), so a value of C is rounded along a chain of at most
/// 512 products plus one addition per block: error growing with 512 + k/512 rather than with k.
/// <see cref="ScalarGemm"/> uses the same blocks, so a column computed there has the same bits as it
/// would have here.
/// </para>
/// <para>
/// Row tails are the same kernel instantiated with fewer rows. A column tail narrower than a vector
/// is computed in the last full vector of the row (lanes <c>n − W</c> to <c>n</c>, repeating columns
/// that are already done, with the same operations and so the same values) and only its new lanes are
/// stored, one by one: no store touches a value outside the call's <c>[m, n]</c> view or rewrites one
/// it already wrote, and C is read only where it is written. Requires <c>n ≥ W</c> (one vector) and
/// m, k ≥ 1.
/// </para>
/// </remarks>
internal static class BroadcastTiles
{
    /// <summary>
    /// Values of k summed in registers before the sums are added into C. Shorter blocks shorten the
    /// chains but add more block sums into C, which dominates for long k (a float sum of 200,000
    /// positive products: worst relative error 2.1e-6 with blocks of 128, 1.2e-6 with 256, 0.8e-6
    /// with 512). Adding into C once per 512 FMAs per value is cheap, and for long k the blocks keep a
    /// block of A in L2 across the column panels: a 128 × 784 × 4096 weight gradient took half the
    /// time of the unblocked kernel (measured in one process, 2026-12-02).
    /// </summary>
    public const int DepthBlock = 512;

    private const int RowsPerTile = 6;

    /// <summary>Computes the product; the references point at the first element of each matrix.</summary>
    public static void Multiply<T>(
        ref T a, nint rowStride, nint colStride, ref T b, nint ldb, ref T c, nint ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        int j = 0;
        for (; j <= n - 2 * width; j += 2 * width)
            Panel<T, Two>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, m, k, j, j, accumulate);
        if (j <= n - width)
        {
            Panel<T, One>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, m, k, j, j, accumulate);
            j += width;
        }
        if (j < n)
            Panel<T, One>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, m, k, n - width, j, accumulate);
    }

    /// <summary>
    /// Columns <paramref name="column"/> to <c>column + TVectors·W</c> of C, of which those from
    /// <paramref name="first"/> on are stored. When <paramref name="first"/> is past
    /// <paramref name="column"/> (the column tail, one vector ending at n), each tile is computed into
    /// a scratch tile on the stack and only its new lanes are written (or added) to C, one at a time.
    /// </summary>
    private static void Panel<T, TVectors>(
        ref T a, nint rowStride, nint colStride, ref T b, nint ldb, ref T c, nint ldc, int m, int k, int column, int first,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        int width = Vector<T>.Count;
        bool tail = first > column;
        Span<T> scratch = tail ? stackalloc T[RowsPerTile * width] : default;
        for (int p = 0; p < k; p += DepthBlock)
        {
            int depth = Math.Min(DepthBlock, k - p);
            bool add = accumulate || p > 0;
            ref T aBlock = ref Unsafe.Add(ref a, p * colStride);
            ref T bPanel = ref Unsafe.Add(ref b, p * ldb + column);
            for (int i = 0; i < m; i += RowsPerTile)
            {
                int rows = Math.Min(RowsPerTile, m - i);
                ref T aTile = ref Unsafe.Add(ref aBlock, i * rowStride);
                if (!tail)
                {
                    RowTile<T, TVectors>(rows, ref aTile, rowStride, colStride, ref bPanel, ldb, ref Unsafe.Add(ref c, i * ldc + column), ldc, depth, add);
                    continue;
                }
                RowTile<T, TVectors>(rows, ref aTile, rowStride, colStride, ref bPanel, ldb, ref MemoryMarshal.GetReference(scratch), width, depth, add: false);
                for (int r = 0; r < rows; r++)
                {
                    ReadOnlySpan<T> sums = scratch.Slice(r * width + first - column, column + width - first);
                    Span<T> target = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref c, (i + r) * ldc + first), sums.Length);
                    for (int lane = 0; lane < sums.Length; lane++)
                        target[lane] = add ? target[lane] + sums[lane] : sums[lane];
                }
            }
        }
    }

    /// <summary>One tile of <paramref name="rows"/> rows (1 to 6) × TVectors vectors.</summary>
    private static void RowTile<T, TVectors>(
        int rows, ref T a, nint rowStride, nint colStride, ref T b, nint ldb, ref T c, nint ldc, int depth, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        switch (rows)
        {
            case 6: Tile<T, Six, TVectors>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, depth, add); break;
            case 5: Tile<T, Five, TVectors>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, depth, add); break;
            case 4: Tile<T, Four, TVectors>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, depth, add); break;
            case 3: Tile<T, Three, TVectors>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, depth, add); break;
            case 2: Tile<T, Two, TVectors>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, depth, add); break;
            default: Tile<T, One, TVectors>(ref a, rowStride, colStride, ref b, ldb, ref c, ldc, depth, add); break;
        }
    }

    /// <summary>
    /// C[0..TRows, 0..TVectors·W] of the tile (+)= the products of <paramref name="depth"/> values of k;
    /// accumulator <c>cRV</c> holds row R, vector V.
    /// </summary>
    // Straight to optimized code: the unoptimized first tier of a vector loop is over ten times
    // slower, and profile-guided tiers have nothing to add to a fixed-shape kernel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TRows, TVectors>(
        ref T a, nint rowStride, nint colStride, ref T b, nint ldb, ref T c, nint ldc, int depth, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileSize
        where TVectors : struct, ITileSize
    {
        Vector<T> c00 = default, c10 = default, c20 = default, c30 = default, c40 = default, c50 = default;
        Vector<T> c01 = default, c11 = default, c21 = default, c31 = default, c41 = default, c51 = default;

        // Offsets rather than advancing references: a reference stepped past the last row would
        // point outside the arrays, which the GC does not allow even if it is never read.
        nint aOffset = 0;
        nint bOffset = 0;
        for (int p = 0; p < depth; p++, aOffset += colStride, bOffset += ldb)
        {
            Vector<T> b0 = Vector.LoadUnsafe(ref b, (nuint)bOffset);
            Vector<T> b1 = TVectors.Value > 1 ? Vector.LoadUnsafe(ref b, (nuint)(bOffset + Vector<T>.Count)) : default;

            Vector<T> av = Vector.Create(Unsafe.Add(ref a, aOffset));
            c00 = VectorMath.MultiplyAdd(av, b0, c00);
            if (TVectors.Value > 1) c01 = VectorMath.MultiplyAdd(av, b1, c01);
            if (TRows.Value > 1)
            {
                av = Vector.Create(Unsafe.Add(ref a, aOffset + rowStride));
                c10 = VectorMath.MultiplyAdd(av, b0, c10);
                if (TVectors.Value > 1) c11 = VectorMath.MultiplyAdd(av, b1, c11);
            }
            if (TRows.Value > 2)
            {
                av = Vector.Create(Unsafe.Add(ref a, aOffset + 2 * rowStride));
                c20 = VectorMath.MultiplyAdd(av, b0, c20);
                if (TVectors.Value > 1) c21 = VectorMath.MultiplyAdd(av, b1, c21);
            }
            if (TRows.Value > 3)
            {
                av = Vector.Create(Unsafe.Add(ref a, aOffset + 3 * rowStride));
                c30 = VectorMath.MultiplyAdd(av, b0, c30);
                if (TVectors.Value > 1) c31 = VectorMath.MultiplyAdd(av, b1, c31);
            }
            if (TRows.Value > 4)
            {
                av = Vector.Create(Unsafe.Add(ref a, aOffset + 4 * rowStride));
                c40 = VectorMath.MultiplyAdd(av, b0, c40);
                if (TVectors.Value > 1) c41 = VectorMath.MultiplyAdd(av, b1, c41);
            }
            if (TRows.Value > 5)
            {
                av = Vector.Create(Unsafe.Add(ref a, aOffset + 5 * rowStride));
                c50 = VectorMath.MultiplyAdd(av, b0, c50);
                if (TVectors.Value > 1) c51 = VectorMath.MultiplyAdd(av, b1, c51);
            }
        }

        StoreRow<T, TVectors>(ref c, c00, c01, add);
        if (TRows.Value > 1) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, ldc), c10, c11, add);
        if (TRows.Value > 2) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, add);
        if (TRows.Value > 3) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, add);
        if (TRows.Value > 4) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, add);
        if (TRows.Value > 5) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, add);
    }

    /// <summary>Writes (or adds) one row of the tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TVectors>(ref T cRow, Vector<T> first, Vector<T> second, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        (add ? Vector.LoadUnsafe(ref cRow) + first : first).StoreUnsafe(ref cRow);
        if (TVectors.Value > 1)
        {
            ref T next = ref Unsafe.Add(ref cRow, Vector<T>.Count);
            (add ? Vector.LoadUnsafe(ref next) + second : second).StoreUnsafe(ref next);
        }
    }
}
