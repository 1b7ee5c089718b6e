using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>Row-wise helpers for a dense row-major [rows, cols] matrix: the bias of a Dense layer, forward and backward.</summary>
public static class Rows
{
    /// <summary>Copies <paramref name="row"/> into every row of <paramref name="matrix"/> (a bias before <c>Gemm</c> accumulates into it).</summary>
    /// <param name="row">The row, cols values.</param>
    /// <param name="matrix">The matrix, rows × cols values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    public static void Broadcast<T>(ReadOnlySpan<T> row, Span<T> matrix, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Rows.Broadcast";
        Validate(row.Length, matrix.Length, rows, cols, method, nameof(row), nameof(matrix));
        for (int r = 0; r < rows; r++)
            row.CopyTo(matrix.Slice(r * cols, cols));
    }

    /// <summary><c>sums[j] += Σ_r matrix[r, j]</c>: the column sums, added (a bias gradient accumulates over the batch).</summary>
    /// <param name="matrix">The matrix, rows × cols values.</param>
    /// <param name="sums">The running sums, cols values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    public static void AccumulateSums<T>(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Rows.AccumulateSums";
        Validate(sums.Length, matrix.Length, rows, cols, method, nameof(sums), nameof(matrix));
        for (int r = 0; r < rows; r++)
            TensorPrimitives.Add(sums, matrix.Slice(r * cols, cols), sums);
    }

    private static void Validate(int rowLength, int matrixLength, int rows, int cols, string method, string rowName, string matrixName)
    {
        KernelGuard.Dimension(rows, method, nameof(rows));
        KernelGuard.Dimension(cols, method, nameof(cols));
        KernelGuard.Length(rowLength, cols, method, rowName, nameof(cols));
        KernelGuard.Matrix(matrixLength, rows, cols, method, matrixName, nameof(rows), nameof(cols));
    }
}
