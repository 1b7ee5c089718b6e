using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// Row-wise helpers for a row-major [rows, cols] matrix: the bias of a Dense layer, forward and
/// backward. Each comes in a dense form and in a form with a leading dimension <c>ld</c> (the
/// distance between the starts of consecutive rows, at least cols), for a matrix that is a column
/// slice of a wider buffer; values outside the [rows, cols] view are neither read nor written.
/// </summary>
public static class Rows
{
    /// <summary>
    /// Rows summed at a time by <see cref="AccumulateSums{T}(ReadOnlySpan{T}, int, Span{T}, int, int)"/>
    /// before the block's sums are added to the running sums, as <see cref="Gemm"/> blocks k.
    /// </summary>
    private const int RowBlock = 512;

    /// <summary>Columns per pass of <see cref="AccumulateSums{T}(ReadOnlySpan{T}, int, Span{T}, int, int)"/>: the block's sums live on the stack.</summary>
    private const int ColumnChunk = 256;

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
        Validate(row.Length, rows, cols, method, nameof(row));
        KernelGuard.Matrix(matrix.Length, rows, cols, method, nameof(matrix), nameof(rows), nameof(cols));
        Fill(row, matrix, cols, rows, cols);
    }

    /// <summary>
    /// Copies <paramref name="row"/> into every row of a strided view, <c>matrix[r·ld + j] = row[j]</c>
    /// (a bias before <c>Gemm</c> accumulates into a slice of a wider buffer).
    /// </summary>
    /// <param name="row">The row, cols values.</param>
    /// <param name="matrix">The matrix, at least (rows − 1)·ld + cols values.</param>
    /// <param name="ld">Distance between rows of the matrix, at least cols.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or <paramref name="ld"/> is less than <paramref name="cols"/>.</exception>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public static void Broadcast<T>(ReadOnlySpan<T> row, Span<T> matrix, int ld, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Rows.Broadcast";
        Validate(row.Length, rows, cols, method, nameof(row));
        KernelGuard.StridedMatrix(matrix.Length, rows, cols, ld, method, nameof(matrix), nameof(ld), nameof(rows), nameof(cols));
        Fill(row, matrix, ld, rows, cols);
    }

    /// <summary><c>sums[j] += Σ_r matrix[r, j]</c>: the column sums, added (a bias gradient accumulates over the batch).</summary>
    /// <param name="matrix">The matrix, rows × cols values.</param>
    /// <param name="sums">The running sums, cols values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    /// <remarks>Rows are summed in blocks of 512 before each block is added to <paramref name="sums"/>, so long sums stay accurate.</remarks>
    public static void AccumulateSums<T>(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Rows.AccumulateSums";
        Validate(sums.Length, rows, cols, method, nameof(sums));
        KernelGuard.Matrix(matrix.Length, rows, cols, method, nameof(matrix), nameof(rows), nameof(cols));
        Sum(matrix, cols, sums, rows, cols);
    }

    /// <summary><c>sums[j] += Σ_r matrix[r·ld + j]</c>: the column sums of a strided view, added.</summary>
    /// <param name="matrix">The matrix, at least (rows − 1)·ld + cols values.</param>
    /// <param name="ld">Distance between rows of the matrix, at least cols.</param>
    /// <param name="sums">The running sums, cols values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or <paramref name="ld"/> is less than <paramref name="cols"/>.</exception>
    /// <exception cref="ArgumentException">A span is too short, or <paramref name="sums"/> does not hold cols values.</exception>
    /// <remarks>Rows are summed in blocks of 512 before each block is added to <paramref name="sums"/>, so long sums stay accurate.</remarks>
    public static void AccumulateSums<T>(ReadOnlySpan<T> matrix, int ld, Span<T> sums, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Rows.AccumulateSums";
        Validate(sums.Length, rows, cols, method, nameof(sums));
        KernelGuard.StridedMatrix(matrix.Length, rows, cols, ld, method, nameof(matrix), nameof(ld), nameof(rows), nameof(cols));
        Sum(matrix, ld, sums, rows, cols);
    }

    private static void Fill<T>(ReadOnlySpan<T> row, Span<T> matrix, int ld, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            row.CopyTo(matrix.Slice(r * ld, cols));
    }

    /// <summary>
    /// Column sums in blocks: for each chunk of columns, each block of rows is summed into a scratch
    /// row on the stack and the scratch then added to <paramref name="sums"/>.
    /// </summary>
    private static void Sum<T>(ReadOnlySpan<T> matrix, int ld, Span<T> sums, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == 0)
            return;
        Span<T> scratch = stackalloc T[Math.Min(cols, ColumnChunk)];
        for (int column = 0; column < cols; column += ColumnChunk)
        {
            int width = Math.Min(ColumnChunk, cols - column);
            Span<T> block = scratch[..width];
            Span<T> total = sums.Slice(column, width);
            for (int start = 0; start < rows; start += RowBlock)
            {
                int end = Math.Min(rows, start + RowBlock);
                matrix.Slice(start * ld + column, width).CopyTo(block);
                for (int r = start + 1; r < end; r++)
                    TensorPrimitives.Add(block, matrix.Slice(r * ld + column, width), block);
                TensorPrimitives.Add(total, block, total);
            }
        }
    }

    private static void Validate(int rowLength, int rows, int cols, string method, string rowName)
    {
        KernelGuard.Dimension(rows, method, nameof(rows));
        KernelGuard.Dimension(cols, method, nameof(cols));
        KernelGuard.Length(rowLength, cols, method, rowName, nameof(cols));
    }
}
