using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// The draw of an inverted-dropout mask, for <see cref="Dropout2D"/>: the same draw as
/// <see cref="Dropout"/>'s (which keeps its own copy of it), so the two layers make the same mask
/// from the same generator state and mask length.
/// </summary>
internal static class DropoutMask
{
    private const double TwoTo32 = 4294967296.0;

    /// <summary>
    /// <c>mask[i] = 0</c> with probability <paramref name="rate"/>, else <c>1/(1 − rate)</c>. Each pair
    /// of values uses one <see cref="Rng.NextUInt64"/>, its low 32 bits for the first and its high 32
    /// for the second; a value is dropped when its 32 bits are below <c>rate · 2^32</c>. With rate 0
    /// the mask is all ones and no draws are made. Unchecked: the caller checks the rate is in [0, 1).
    /// </summary>
    public static void Draw<T>(Span<T> mask, T rate, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rate == T.Zero)
        {
            mask.Fill(T.One);
            return;
        }
        uint threshold = (uint)(double.CreateTruncating(rate) * TwoTo32);
        T scale = T.One / (T.One - rate);
        int i = 0;
        for (; i <= mask.Length - 2; i += 2)
        {
            ulong bits = rng.NextUInt64();
            mask[i] = (uint)bits < threshold ? T.Zero : scale;
            mask[i + 1] = (uint)(bits >> 32) < threshold ? T.Zero : scale;
        }
        if (i < mask.Length)
            mask[i] = (uint)rng.NextUInt64() < threshold ? T.Zero : scale;
    }
}
