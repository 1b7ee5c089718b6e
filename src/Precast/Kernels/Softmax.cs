using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>Softmax over each row of a [rows, cols] matrix: <c>y_j = e^(x_j − max) / Σ_k e^(x_k − max)</c>.</summary>
public static class Softmax
{
    /// <summary>
    /// The softmax of every row. Subtracting the row's maximum first keeps every exponent at most 0,
    /// so large logits cannot overflow. <paramref name="y"/> may be <paramref name="x"/> itself.
    /// </summary>
    /// <param name="x">The inputs, rows × cols values.</param>
    /// <param name="y">The outputs, rows × cols values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length is not rows × cols.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Softmax.Forward";
        ValidateDimensions(rows, cols, method);
        KernelGuard.Matrix(x.Length, rows, cols, method, nameof(x), nameof(rows), nameof(cols));
        KernelGuard.Matrix(y.Length, rows, cols, method, nameof(y), nameof(rows), nameof(cols));
        if (cols == 0)
            return;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xRow = x.Slice(r * cols, cols);
            Span<T> yRow = y.Slice(r * cols, cols);
            TensorPrimitives.Subtract(xRow, TensorPrimitives.Max(xRow), yRow);
            TensorPrimitives.Exp(yRow, yRow);
            TensorPrimitives.Divide(yRow, TensorPrimitives.Sum<T>(yRow), yRow);
        }
    }

    /// <summary>
    /// <c>dx = y ⊙ (dy − Σ_j dy_j·y_j)</c> per row, the softmax Jacobian applied to
    /// <paramref name="dy"/>. <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="y">The forward outputs, rows × cols values.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length is not rows × cols.</exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Softmax.Backward";
        ValidateDimensions(rows, cols, method);
        KernelGuard.Matrix(y.Length, rows, cols, method, nameof(y), nameof(rows), nameof(cols));
        KernelGuard.Matrix(dy.Length, rows, cols, method, nameof(dy), nameof(rows), nameof(cols));
        KernelGuard.Matrix(dx.Length, rows, cols, method, nameof(dx), nameof(rows), nameof(cols));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> yRow = y.Slice(r * cols, cols);
            Span<T> dxRow = dx.Slice(r * cols, cols);
            T dot = TensorPrimitives.Dot(dy.Slice(r * cols, cols), yRow);
            TensorPrimitives.Subtract(dy.Slice(r * cols, cols), dot, dxRow);
            TensorPrimitives.Multiply(dxRow, yRow, dxRow);
        }
    }

    private static void ValidateDimensions(int rows, int cols, string method)
    {
        KernelGuard.Dimension(rows, method, nameof(rows));
        KernelGuard.Dimension(cols, method, nameof(cols));
    }
}
