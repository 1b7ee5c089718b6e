using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>Logistic sigmoid, <c>y = 1 / (1 + e^(−x))</c>, elementwise.</summary>
public static class Sigmoid
{
    /// <summary><c>y = 1 / (1 + e^(−x))</c>. <paramref name="y"/> may be <paramref name="x"/> itself.</summary>
    /// <param name="x">The inputs.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(y.Length, x.Length, "Sigmoid.Forward", nameof(y), nameof(x));
        if (x.IsEmpty)
            return; // TensorPrimitives.Sigmoid refuses empty spans; an empty batch has nothing to do
        TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary><c>dx = dy · y · (1 − y)</c>. <paramref name="dx"/> may be <paramref name="dy"/> itself.</summary>
    /// <param name="y">The forward outputs.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(dy.Length, y.Length, "Sigmoid.Backward", nameof(dy), nameof(y));
        KernelGuard.SameLength(dx.Length, y.Length, "Sigmoid.Backward", nameof(dx), nameof(y));
        Elementwise.Map(y, dy, dx, default(Gradient<T>));
    }

    private readonly struct Gradient<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T y, T dy) => dy * y * (T.One - y);

        public Vector<T> Invoke(Vector<T> y, Vector<T> dy) => dy * y * (Vector<T>.One - y);
    }
}
