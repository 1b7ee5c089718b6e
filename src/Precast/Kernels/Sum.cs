using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// The elementwise sum of tensors of one shape, where a residual connection or parallel branches
/// meet: <c>y = a + b</c>, then <c>y += c</c> for each further addend. Every addend receives the
/// sum's gradient unchanged, so the backward pass hands <c>dy</c> to each of them.
/// </summary>
public static class Sum
{
    /// <summary><c>y = a + b</c>. <paramref name="y"/> may be <paramref name="a"/> or <paramref name="b"/> itself.</summary>
    /// <param name="a">The first addend.</param>
    /// <param name="b">The second addend, as long as <paramref name="a"/>.</param>
    /// <param name="y">The sum, as long as <paramref name="a"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Sum.Forward";
        KernelGuard.SameLength(b.Length, a.Length, method, nameof(b), nameof(a));
        KernelGuard.SameLength(y.Length, a.Length, method, nameof(y), nameof(a));
        TensorPrimitives.Add(a, b, y);
    }

    /// <summary>
    /// <c>y += x</c>: adds a third (fourth, …) addend to a sum that <see cref="Forward{T}"/> started.
    /// </summary>
    /// <param name="x">The addend.</param>
    /// <param name="y">The running sum, as long as <paramref name="x"/>; must not overlap it.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans overlap.</exception>
    public static void AddInto<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Sum.AddInto";
        KernelGuard.SameLength(y.Length, x.Length, method, nameof(y), nameof(x));
        KernelGuard.Separate<T>(y, x, method, nameof(y), nameof(x));
        Accumulation.Copy(x, y, accumulate: true);
    }

    /// <summary>
    /// The gradient of one addend: <c>dx = dy</c>, or with <paramref name="accumulate"/> <c>dx += dy</c>.
    /// Call it once per addend (each with its own <paramref name="accumulate"/>). Without
    /// <paramref name="accumulate"/>, <paramref name="dx"/> may be <paramref name="dy"/> itself (then
    /// there is nothing to do).
    /// </summary>
    /// <param name="dy">The gradient with respect to the sum.</param>
    /// <param name="dx">Receives the gradient with respect to the addend, as long as <paramref name="dy"/>.</param>
    /// <param name="accumulate">
    /// Whether to add <paramref name="dy"/> to what <paramref name="dx"/> holds (for an addend read by
    /// other layers too) instead of overwriting it. With <c>true</c> <paramref name="dx"/> must not
    /// overlap <paramref name="dy"/>.
    /// </param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="accumulate"/> is set and the spans overlap.</exception>
    public static void Backward<T>(ReadOnlySpan<T> dy, Span<T> dx, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Sum.Backward";
        KernelGuard.SameLength(dx.Length, dy.Length, method, nameof(dx), nameof(dy));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, dy, method, nameof(dx), nameof(dy));
        Accumulation.Copy(dy, dx, accumulate);
    }
}
