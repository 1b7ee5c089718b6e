using System.Numerics;
using Precast.Kernels;

namespace Precast.Losses;

/// <summary>
/// Binary cross-entropy of sigmoid probabilities, computed from logits:
/// <c>loss = mean of max(x, 0) − x·z + log(1 + e^(−|x|))</c>, equal to
/// <c>−z·log σ(x) − (1 − z)·log(1 − σ(x))</c> but finite for every finite logit, and the same value as
/// PyTorch's <c>F.binary_cross_entropy_with_logits</c>. Targets may be soft (any value in [0, 1]).
/// </summary>
public static class SigmoidBinaryCrossEntropy
{
    /// <summary>
    /// Returns the mean loss over all elements and, unless <paramref name="gradient"/> is empty,
    /// writes its gradient with respect to the logits, <c>(σ(x) − z) / N</c>.
    /// <paramref name="gradient"/> may be <paramref name="logits"/> itself.
    /// </summary>
    /// <param name="logits">The logits x, at least one.</param>
    /// <param name="targets">The targets z, one per logit.</param>
    /// <param name="gradient">Empty, or one value per logit to receive the gradient.</param>
    /// <exception cref="ArgumentException">A span is empty or its length does not match the logits.</exception>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "SigmoidBinaryCrossEntropy.Compute";
        KernelGuard.NotEmpty(logits.Length, method, nameof(logits));
        KernelGuard.SameLength(targets.Length, logits.Length, method, nameof(targets), nameof(logits));
        KernelGuard.Gradient(gradient.Length, logits.Length, method);

        T total = T.Zero;
        T inverseCount = T.One / T.CreateTruncating(logits.Length);
        for (int i = 0; i < logits.Length; i++)
        {
            T x = logits[i];
            T z = targets[i];
            // e = e^(−|x|) is in (0, 1], so neither the loss nor σ(x) below can overflow.
            T e = T.Exp(-T.Abs(x));
            total += T.Max(x, T.Zero) - x * z + LogOnePlus(e);
            if (!gradient.IsEmpty)
            {
                T sigmoid = x >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
                gradient[i] = (sigmoid - z) * inverseCount;
            }
        }
        return total * inverseCount;
    }

    /// <summary>
    /// <c>log(1 + u)</c> for u in [0, 1], accurate also where u is tiny: dividing by the rounded
    /// <c>w − 1</c> cancels the error made in rounding <c>w = 1 + u</c> (a classic correction, since
    /// <c>T.LogP1</c> is plain <c>log(1 + u)</c>).
    /// </summary>
    private static T LogOnePlus<T>(T u)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T w = T.One + u;
        return w == T.One ? u : T.Log(w) * u / (w - T.One);
    }
}
