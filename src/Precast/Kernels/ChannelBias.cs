using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// A convolution's bias on NCHW tensors <c>[batch, channels, plane]</c> (plane = height·width): one
/// value per channel, broadcast over the plane forward and summed over the batch and the plane
/// backward. Unchecked: the convolutions check their arguments.
/// </summary>
internal static class ChannelBias
{
    /// <summary><c>y[n, c, p] = bias[c]</c>: the starting value a product then accumulates into.</summary>
    public static void Fill<T>(ReadOnlySpan<T> bias, Span<T> y, int batch, int channels, int plane)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
                y.Slice((n * channels + c) * plane, plane).Fill(bias[c]);
        }
    }

    /// <summary>
    /// <c>dBias[c] += Σ_n Σ_p dy[n, c, p]</c>; nothing when <paramref name="dBias"/> is empty. Each
    /// sample's plane is summed on its own (in vector lanes) before the samples' sums are added, so the
    /// rounding error grows with plane / W + batch rather than with batch·plane.
    /// </summary>
    public static void AccumulateGradient<T>(ReadOnlySpan<T> dy, Span<T> dBias, int batch, int channels, int plane)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (dBias.IsEmpty)
            return;
        for (int c = 0; c < channels; c++)
        {
            T total = T.Zero;
            for (int n = 0; n < batch; n++)
                total += TensorPrimitives.Sum(dy.Slice((n * channels + c) * plane, plane));
            dBias[c] += total;
        }
    }
}
