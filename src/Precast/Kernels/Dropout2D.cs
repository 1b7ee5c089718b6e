using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Channel dropout of <c>x [batch, C, inner]</c> (<c>inner = H·W</c> for feature maps), as PyTorch's
/// <c>nn.Dropout2d</c> and Keras's <c>SpatialDropout2D</c>: during training each channel of each
/// sample is zeroed whole with probability <c>rate</c>, and the kept ones are scaled by
/// <c>1/(1 − rate)</c>, so the expected output equals the input and inference is the identity. The
/// mask holds one factor per (sample, channel), kept for the backward pass.
/// </summary>
public static class Dropout2D
{
    /// <summary>
    /// Draws <c>mask[n, c]</c>, 0 with probability <paramref name="rate"/> else <c>1/(1 − rate)</c>, and
    /// writes <c>y[n, c, r] = x[n, c, r] · mask[n, c]</c>. The draw is <see cref="Dropout"/>'s over the
    /// batch × channels mask values (one <see cref="Rng.NextUInt64"/> per pair, in order), so the mask
    /// depends only on the generator's state and batch × channels; with rate 0 it is all ones and no
    /// draws are made. <paramref name="y"/> may be <paramref name="x"/> itself.
    /// </summary>
    /// <param name="x">The inputs, batch × channels × inner values.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>; must not overlap <paramref name="mask"/>.</param>
    /// <param name="mask">Receives the factors, batch × channels values; must not overlap <paramref name="x"/>.</param>
    /// <param name="rate">The probability of dropping a channel, in [0, 1).</param>
    /// <param name="rng">The generator; advanced by the draws.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="inner">The values per channel (H·W).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or <paramref name="rate"/> is not in [0, 1).</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or the mask overlaps another span.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, Span<T> mask, T rate, ref Rng rng, int batch, int channels, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Dropout2D.Forward";
        Validate(x.Length, mask.Length, batch, channels, inner, method, nameof(x));
        KernelGuard.SameLength(y.Length, x.Length, method, nameof(y), nameof(x));
        KernelGuard.Separate<T>(mask, x, method, nameof(mask), nameof(x));
        KernelGuard.Separate<T>(y, mask, method, nameof(y), nameof(mask));
        double probability = double.CreateTruncating(rate);
        KernelGuard.Scalar(probability >= 0 && probability < 1, probability, method, nameof(rate), "a probability in [0, 1)");
        DropoutMask.Draw(mask, rate, ref rng);
        Scale.Forward(x, mask, y, batch, channels, inner);
    }

    /// <summary>
    /// <c>dx[n, c, r] = dy[n, c, r] · mask[n, c]</c>, with the mask the forward pass drew (with
    /// <paramref name="accumulate"/>, <c>dx +=</c> that). Without <paramref name="accumulate"/>,
    /// <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </summary>
    /// <param name="mask">The factors from <see cref="Forward{T}"/>, batch × channels values.</param>
    /// <param name="dy">The gradient with respect to the outputs, batch × channels × inner values.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, as long as <paramref name="dy"/>; must not overlap <paramref name="mask"/>.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="inner">The values per channel (H·W).</param>
    /// <param name="accumulate">
    /// Whether to add the gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an input
    /// read by several layers) instead of overwriting it; then it must not overlap <paramref name="dy"/> either.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or <paramref name="dx"/> overlaps an input it must not.</exception>
    public static void Backward<T>(ReadOnlySpan<T> mask, ReadOnlySpan<T> dy, Span<T> dx, int batch, int channels, int inner, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Dropout2D.Backward";
        Validate(dy.Length, mask.Length, batch, channels, inner, method, nameof(dy));
        KernelGuard.SameLength(dx.Length, dy.Length, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dx, mask, method, nameof(dx), nameof(mask));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, dy, method, nameof(dx), nameof(dy));
        if (inner == 1)
        {
            Accumulation.Multiply(dy, mask, dx, accumulate);
            return;
        }
        for (int k = 0; k < mask.Length; k++)
            Accumulation.Multiply(dy.Slice(k * inner, inner), mask[k], dx.Slice(k * inner, inner), accumulate);
    }

    private static void Validate(int tensorLength, int maskLength, int batch, int channels, int inner, string method, string tensorName)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(channels, method, nameof(channels));
        KernelGuard.Dimension(inner, method, nameof(inner));
        KernelGuard.Tensor(tensorLength, batch, channels, inner, method, tensorName, nameof(batch), nameof(channels), nameof(inner));
        KernelGuard.Matrix(maskLength, batch, channels, method, "mask", nameof(batch), nameof(channels));
    }
}
