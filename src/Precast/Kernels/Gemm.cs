using System.Numerics;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// Dense matrix products, the hot path of training. All matrices are dense and row-major; the
/// output must not overlap either input. With <c>accumulate</c> false the product overwrites C,
/// with true it is added to what C holds. Single-threaded, allocation-free, no packing buffers:
/// register-blocked <see cref="Vector{T}"/> micro-kernels (FMA where the CPU has it) for float and
/// double at the widest vector width the target accelerates, and a plain loop for other element
/// types and hardware without SIMD.
/// </summary>
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
        Validate(a, b, c, m, n, k, "Gemm.MultiplyTransposedB", aTransposed: false, bTransposed: true);
        if (IsEmpty(c, k, accumulate))
            return;
        if (VectorMath.IsAccelerated<T>() && k >= Vector<T>.Count)
            DotProductTiles.MultiplyTransposedB(
                ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c),
                m, n, k, accumulate);
        else
            ScalarGemm.Multiply(a, k, 1, b, 1, k, c, m, n, k, accumulate);
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
        Validate(a, b, c, m, n, k, "Gemm.Multiply", aTransposed: false, bTransposed: false);
        if (IsEmpty(c, k, accumulate))
            return;
        if (VectorMath.IsAccelerated<T>() && n >= Vector<T>.Count)
            BroadcastTiles.Multiply(
                ref MemoryMarshal.GetReference(a), k, 1, ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c),
                m, n, k, accumulate);
        else
            ScalarGemm.Multiply(a, k, 1, b, n, 1, c, m, n, k, accumulate);
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
        Validate(a, b, c, m, n, k, "Gemm.MultiplyTransposedA", aTransposed: true, bTransposed: false);
        if (IsEmpty(c, k, accumulate))
            return;
        if (VectorMath.IsAccelerated<T>() && n >= Vector<T>.Count)
            BroadcastTiles.Multiply(
                ref MemoryMarshal.GetReference(a), 1, m, ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c),
                m, n, k, accumulate);
        else
            ScalarGemm.Multiply(a, 1, m, b, n, 1, c, m, n, k, accumulate);
    }

    /// <summary>
    /// Handles the products with nothing to multiply, so the kernels never see an empty matrix: C is
    /// empty (m or n is 0), or k is 0 and the product is all zeros.
    /// </summary>
    private static bool IsEmpty<T>(Span<T> c, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.IsEmpty)
            return true;
        if (k != 0)
            return false;
        if (!accumulate)
            c.Clear();
        return true;
    }

    /// <summary>
    /// Checks the dimensions, that A holds [m, k] (or [k, m] when <paramref name="aTransposed"/>), that
    /// B holds [k, n] (or [n, k] when <paramref name="bTransposed"/>), that C holds [m, n], and that C
    /// overlaps neither input.
    /// </summary>
    private static void Validate<T>(
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, string method, bool aTransposed, bool bTransposed)
    {
        KernelGuard.Dimension(m, method, nameof(m));
        KernelGuard.Dimension(n, method, nameof(n));
        KernelGuard.Dimension(k, method, nameof(k));
        if (aTransposed)
            KernelGuard.Matrix(a.Length, k, m, method, nameof(a), nameof(k), nameof(m));
        else
            KernelGuard.Matrix(a.Length, m, k, method, nameof(a), nameof(m), nameof(k));
        if (bTransposed)
            KernelGuard.Matrix(b.Length, n, k, method, nameof(b), nameof(n), nameof(k));
        else
            KernelGuard.Matrix(b.Length, k, n, method, nameof(b), nameof(k), nameof(n));
        KernelGuard.Matrix(c.Length, m, n, method, nameof(c), nameof(m), nameof(n));
        KernelGuard.Separate<T>(c, a, method, nameof(c), nameof(a));
        KernelGuard.Separate<T>(c, b, method, nameof(c), nameof(b));
    }
}
