using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>Rectified linear unit, <c>y = max(x, 0)</c>, elementwise.</summary>
public static class Relu
{
    /// <summary><c>y = max(x, 0)</c>; NaN stays NaN. <paramref name="y"/> may be <paramref name="x"/> itself.</summary>
    /// <param name="x">The inputs.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(y.Length, x.Length, "Relu.Forward", nameof(y), nameof(x));
        TensorPrimitives.Max(x, T.Zero, y);
    }

    /// <summary>
    /// <c>dx = dy</c> where <c>y &gt; 0</c>, else 0 (with <paramref name="accumulate"/>, <c>dx +=</c> that).
    /// Uses the forward output, which is positive exactly where the input was. Without
    /// <paramref name="accumulate"/>, <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="y">The forward outputs.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it. With <c>true</c> <paramref name="dx"/> must
    /// not overlap any input.
    /// </param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="accumulate"/> is set and <paramref name="dx"/> overlaps an input.</exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(dy.Length, y.Length, "Relu.Backward", nameof(dy), nameof(y));
        KernelGuard.SameLength(dx.Length, y.Length, "Relu.Backward", nameof(dx), nameof(y));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, y, "Relu.Backward", nameof(dx), nameof(y));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, dy, "Relu.Backward", nameof(dx), nameof(dy));
        Elementwise.Map(y, dy, dx, default(Gradient<T>), accumulate);
    }

    private readonly struct Gradient<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T y, T dy) => y > T.Zero ? dy : T.Zero;

        public Vector<T> Invoke(Vector<T> y, Vector<T> dy)
            => dy & Vector.GreaterThan(y, Vector<T>.Zero);
    }
}
