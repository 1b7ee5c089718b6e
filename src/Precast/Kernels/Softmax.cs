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
    /// <paramref name="dy"/> (with <paramref name="accumulate"/>, <c>dx +=</c> that): one pass for the
    /// dot product and one that writes or adds. Without <paramref name="accumulate"/>,
    /// <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="y">The forward outputs, rows × cols values.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="cols">The length of a row.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it. With <c>true</c> <paramref name="dx"/> must
    /// not overlap any input.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">
    /// A span's length is not rows × cols, or <paramref name="accumulate"/> is set and <paramref name="dx"/> overlaps an input.
    /// </exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Softmax.Backward";
        ValidateDimensions(rows, cols, method);
        KernelGuard.Matrix(y.Length, rows, cols, method, nameof(y), nameof(rows), nameof(cols));
        KernelGuard.Matrix(dy.Length, rows, cols, method, nameof(dy), nameof(rows), nameof(cols));
        KernelGuard.Matrix(dx.Length, rows, cols, method, nameof(dx), nameof(rows), nameof(cols));
        KernelGuard.SeparateWhenAccumulating(accumulate, dx, y, method, nameof(dx), nameof(y));
        KernelGuard.SeparateWhenAccumulating(accumulate, dx, dy, method, nameof(dx), nameof(dy));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> yRow = y.Slice(r * cols, cols);
            ReadOnlySpan<T> dyRow = dy.Slice(r * cols, cols);
            Elementwise.Map(yRow, dyRow, dx.Slice(r * cols, cols), new Gradient<T>(TensorPrimitives.Dot(dyRow, yRow)), accumulate);
        }
    }

    /// <summary><c>y · (dy − dot)</c>, with <c>dot = Σ_j dy_j·y_j</c> of the row.</summary>
    private readonly struct Gradient<T>(T dot) : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _dots = Vector.Create(dot);

        public T Invoke(T y, T dy) => y * (dy - dot);

        public Vector<T> Invoke(Vector<T> y, Vector<T> dy) => y * (dy - _dots);
    }

    private static void ValidateDimensions(int rows, int cols, string method)
    {
        KernelGuard.Dimension(rows, method, nameof(rows));
        KernelGuard.Dimension(cols, method, nameof(cols));
    }
}
