using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// Inverted dropout: during training each value is zeroed with probability <c>rate</c> and the
/// survivors are scaled by <c>1/(1 − rate)</c>, so the expected output equals the input and
/// inference needs no rescaling. The mask (0 or the scale per element) is kept for the backward pass.
/// </summary>
public static class Dropout
{
    /// <summary>
    /// Draws a mask, <c>mask[i] = 0</c> with probability <paramref name="rate"/> else
    /// <c>1/(1 − rate)</c>, and writes <c>y = x · mask</c>. Each pair of elements uses one
    /// <see cref="Rng.NextUInt64"/> (a 32-bit draw per element), so the mask depends only on the
    /// generator's state and the length. With rate 0 the mask is all ones and no draws are made.
    /// <paramref name="y"/> may be <paramref name="x"/> itself.
    /// </summary>
    /// <param name="x">The inputs.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>.</param>
    /// <param name="mask">Receives the mask, as long as <paramref name="x"/>.</param>
    /// <param name="rate">The probability of dropping an element, in [0, 1).</param>
    /// <param name="rng">The generator; advanced by the draws.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, Span<T> mask, T rate, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.SameLength(y.Length, x.Length, "Dropout.Forward", nameof(y), nameof(x));
        KernelGuard.SameLength(mask.Length, x.Length, "Dropout.Forward", nameof(mask), nameof(x));
        if (!(rate >= T.Zero && rate < T.One))
            ThrowRate(double.CreateTruncating(rate));

        DropoutMask.Draw(mask, rate, ref rng);
        TensorPrimitives.Multiply(x, mask, y);
    }

    /// <summary>
    /// <c>dx = dy · mask</c>, with the mask the forward pass drew (with <paramref name="accumulate"/>,
    /// <c>dx +=</c> that, in the same pass). Without <paramref name="accumulate"/>,
    /// <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="mask">The mask from <see cref="Forward{T}"/>.</param>
    /// <param name="dy">The gradient with respect to the outputs.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs.</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it. With <c>true</c> <paramref name="dx"/> must
    /// not overlap any input.
    /// </param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="accumulate"/> is set and <paramref name="dx"/> overlaps an input.</exception>
    public static void Backward<T>(ReadOnlySpan<T> mask, ReadOnlySpan<T> dy, Span<T> dx, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Dropout.Backward";
        KernelGuard.SameLength(dy.Length, mask.Length, method, nameof(dy), nameof(mask));
        KernelGuard.SameLength(dx.Length, mask.Length, method, nameof(dx), nameof(mask));
        KernelGuard.SeparateWhenAccumulating(accumulate, dx, mask, method, nameof(dx), nameof(mask));
        KernelGuard.SeparateWhenAccumulating(accumulate, dx, dy, method, nameof(dx), nameof(dy));
        Accumulation.Multiply(dy, mask, dx, accumulate);
    }

    private static void ThrowRate(double rate)
        => throw new ArgumentOutOfRangeException(nameof(rate), rate,
            $"Dropout.Forward: 'rate' is {rate}; expected a probability in [0, 1).");
}
