using System.Numerics;

namespace Precast.Kernels;

/// <summary>Leaky rectified linear unit, <c>y = x</c> for <c>x &gt; 0</c>, else <c>slope · x</c>, elementwise.</summary>
public static class LeakyRelu
{
    /// <summary><c>y = x</c> where <c>x &gt; 0</c>, else <c>slope · x</c>. <paramref name="y"/> may be <paramref name="x"/> itself.</summary>
    /// <param name="x">The inputs.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>.</param>
    /// <param name="slope">The slope for negative inputs (PyTorch's default is 0.01).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(y.Length, x.Length, "LeakyRelu.Forward", nameof(y), nameof(x));
        Elementwise.Map(x, x, y, new Select<T>(slope));
    }

    /// <summary>
    /// <c>dx = dy</c> where <c>x &gt; 0</c>, else <c>slope · dy</c>. Uses the forward input, because with
    /// a negative slope the output's sign would not tell the two sides apart.
    /// <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="x">The forward inputs.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <param name="slope">The slope used in the forward pass.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(dy.Length, x.Length, "LeakyRelu.Backward", nameof(dy), nameof(x));
        KernelGuard.SameLength(dx.Length, x.Length, "LeakyRelu.Backward", nameof(dx), nameof(x));
        Elementwise.Map(x, dy, dx, new Select<T>(slope));
    }

    /// <summary>
    /// <c>value</c> where <c>x &gt; 0</c>, else <c>slope · value</c>: the forward pass with
    /// <c>value = x</c>, the backward pass with <c>value = dy</c>.
    /// </summary>
    private readonly struct Select<T>(T slope) : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T value) => x > T.Zero ? value : slope * value;

        public Vector<T> Invoke(Vector<T> x, Vector<T> value)
            => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), value, value * slope);
    }
}
