using System.Numerics;
using System.Runtime.CompilerServices;
using static Precast.Kernels.TileSizes;

namespace Precast.Kernels;

/// <summary>
/// The micro-kernel of <see cref="Gemm.Multiply{T}"/> and <see cref="Gemm.MultiplyTransposedA{T}"/>:
/// <c>C[m, n] (+)= Σ_p A(i, p) · B[p, n]</c> with B dense [k, n] and A read through strides,
/// <c>A(i, p) = a[i·rowStride + p·colStride]</c>: Multiply passes A[m, k] (rowStride k, colStride 1),
/// MultiplyTransposedA passes A[k, m] (rowStride 1, colStride m). Nothing else differs.
/// </summary>
/// <remarks>
/// A tile of C of 6 rows × 2 vectors stays in 12 registers for the whole k loop; each step loads
/// two vectors of row p of B and broadcasts one value of A per row, 12 FMAs for 2 loads and 6
/// broadcasts, with 15 of the 16 vector registers of x64 in use (Arm64 has 32). C is written once per
/// tile. Column panels are the outer loop, so one panel of B (k × 2 vectors, 16 KB at k = 256 in
/// float with 256-bit vectors) stays in L1 while every row tile uses it. W is the width of
/// <see cref="Vector{T}"/>, whatever the target accelerates (see <see cref="VectorMath"/>). Row tails
/// are the same kernel instantiated with fewer rows; a column tail narrower than a vector reuses the
/// last full vector of the row (overlapping columns already done) and stores only its new lanes.
/// Requires <c>n ≥ W</c> (one vector) and m, k ≥ 1.
/// </remarks>
internal static class BroadcastTiles
{
    private const int RowsPerTile = 6;

    /// <summary>Computes the product; the references point at the first element of each matrix.</summary>
    public static void Multiply<T>(ref T a, nint rowStride, nint colStride, ref T b, ref T c, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        Vector<T> all = Vector<T>.AllBitsSet;
        int j = 0;
        for (; j <= n - 2 * width; j += 2 * width)
            RowTiles<T, Two>(ref a, rowStride, colStride, ref b, ref c, m, n, k, j, all, accumulate);
        if (j <= n - width)
        {
            RowTiles<T, One>(ref a, rowStride, colStride, ref b, ref c, m, n, k, j, all, accumulate);
            j += width;
        }
        if (j < n)
        {
            int start = n - width;
            RowTiles<T, One>(ref a, rowStride, colStride, ref b, ref c, m, n, k, start, VectorMath.KeepFrom<T>(j - start), accumulate);
        }
    }

    private static void RowTiles<T, TVectors>(
        ref T a, nint rowStride, nint colStride, ref T b, ref T c, int m, int n, int k, int column, Vector<T> keep, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        ref T bPanel = ref Unsafe.Add(ref b, column);
        for (int i = 0; i < m; i += RowsPerTile)
        {
            ref T aTile = ref Unsafe.Add(ref a, i * rowStride);
            ref T cTile = ref Unsafe.Add(ref c, (nint)i * n + column);
            switch (Math.Min(RowsPerTile, m - i))
            {
                case 6: Tile<T, Six, TVectors>(ref aTile, rowStride, colStride, ref bPanel, ref cTile, n, k, keep, accumulate); break;
                case 5: Tile<T, Five, TVectors>(ref aTile, rowStride, colStride, ref bPanel, ref cTile, n, k, keep, accumulate); break;
                case 4: Tile<T, Four, TVectors>(ref aTile, rowStride, colStride, ref bPanel, ref cTile, n, k, keep, accumulate); break;
                case 3: Tile<T, Three, TVectors>(ref aTile, rowStride, colStride, ref bPanel, ref cTile, n, k, keep, accumulate); break;
                case 2: Tile<T, Two, TVectors>(ref aTile, rowStride, colStride, ref bPanel, ref cTile, n, k, keep, accumulate); break;
                default: Tile<T, One, TVectors>(ref aTile, rowStride, colStride, ref bPanel, ref cTile, n, k, keep, accumulate); break;
            }
        }
    }

    /// <summary>
    /// C[0..TRows, 0..TVectors·W] of the tile; accumulator <c>cRV</c> holds row R, vector V.
    /// <paramref name="keep"/> masks the lanes of the first vector that may be written.
    /// </summary>
    // Straight to optimized code: the unoptimized first tier of a vector loop is over ten times
    // slower, and profile-guided tiers have nothing to add to a fixed-shape kernel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TRows, TVectors>(
        ref T a, nint rowStride, nint colStride, ref T b, ref T c, int n, int k, Vector<T> keep, bool accumulate)
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
        for (int p = 0; p < k; p++, aOffset += colStride, bOffset += n)
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

        StoreRow<T, TVectors>(ref c, c00, c01, keep, accumulate);
        if (TRows.Value > 1) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, n), c10, c11, keep, accumulate);
        if (TRows.Value > 2) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 2 * (nint)n), c20, c21, keep, accumulate);
        if (TRows.Value > 3) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 3 * (nint)n), c30, c31, keep, accumulate);
        if (TRows.Value > 4) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 4 * (nint)n), c40, c41, keep, accumulate);
        if (TRows.Value > 5) StoreRow<T, TVectors>(ref Unsafe.Add(ref c, 5 * (nint)n), c50, c51, keep, accumulate);
    }

    /// <summary>Writes (or adds) one row of the tile: the first vector where <paramref name="keep"/> allows, then the second.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TVectors>(ref T cRow, Vector<T> first, Vector<T> second, Vector<T> keep, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVectors : struct, ITileSize
    {
        Vector<T> old = Vector.LoadUnsafe(ref cRow);
        Vector.ConditionalSelect(keep, accumulate ? old + first : first, old).StoreUnsafe(ref cRow);
        if (TVectors.Value > 1)
        {
            ref T next = ref Unsafe.Add(ref cRow, Vector<T>.Count);
            Vector<T> value = accumulate ? Vector.LoadUnsafe(ref next) + second : second;
            value.StoreUnsafe(ref next);
        }
    }
}
