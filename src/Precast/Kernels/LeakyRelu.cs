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
    /// <c>dx = dy</c> where <c>x &gt; 0</c>, else <c>slope · dy</c> (with <paramref name="accumulate"/>,
    /// <c>dx +=</c> that). Uses the forward input, because with a negative slope the output's sign would
    /// not tell the two sides apart. Without <paramref name="accumulate"/>, <paramref name="dx"/> may be
    /// <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="x">The forward inputs.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <param name="slope">The slope used in the forward pass.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it. With <c>true</c> <paramref name="dx"/> must
    /// not overlap any input.
    /// </param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="accumulate"/> is set and <paramref name="dx"/> overlaps an input.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T slope, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(dy.Length, x.Length, "LeakyRelu.Backward", nameof(dy), nameof(x));
        KernelGuard.SameLength(dx.Length, x.Length, "LeakyRelu.Backward", nameof(dx), nameof(x));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, x, "LeakyRelu.Backward", nameof(dx), nameof(x));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, dy, "LeakyRelu.Backward", nameof(dx), nameof(dy));
        Elementwise.Map(x, dy, dx, new Select<T>(slope), accumulate);
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
