using System.Numerics;
using System.Runtime.CompilerServices;
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
    /// <paramref name="gradient"/> may be <paramref name="logits"/> itself. The sum is accurate for any
    /// number of elements.
    /// </summary>
    /// <param name="logits">The logits x, at least one.</param>
    /// <param name="targets">The targets z, one per logit.</param>
    /// <param name="gradient">Empty, or one value per logit to receive the gradient.</param>
    /// <exception cref="ArgumentException">A span is empty or its length does not match the logits.</exception>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoss.Mean(logits, targets, gradient, default(Term<T>), "SigmoidBinaryCrossEntropy.Compute", nameof(logits));

    /// <summary>The stable term <c>max(x, 0) − x·z + log(1 + e^(−|x|))</c> and its derivative <c>σ(x) − z</c>.</summary>
    private readonly struct Term<T> : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T z, out T derivative)
        {
            // e = e^(−|x|) is in (0, 1], so neither the loss nor σ(x) below can overflow.
            T e = T.Exp(-T.Abs(x));
            T w = T.One + e;
            derivative = (x >= T.Zero ? T.One : e) / w - z;
            return T.Max(x, T.Zero) - x * z + LogOnePlus(e, w);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> x, Vector<T> z, out Vector<T> derivative)
        {
            Vector<T> e = VectorMath.Exp(-Vector.Abs(x));
            Vector<T> w = Vector<T>.One + e;
            derivative = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<T>.Zero), Vector<T>.One, e) / w - z;
            // Where w rounds to 1 the quotient is 0/0, but that lane takes e itself.
            Vector<T> logOnePlus = Vector.ConditionalSelect(Vector.Equals(w, Vector<T>.One), e, LossMath.Log(w) * e / (w - Vector<T>.One));
            return Vector.Max(x, Vector<T>.Zero) - x * z + logOnePlus;
        }
    }

    /// <summary>
    /// <c>log(1 + u)</c> for u in [0, 1] given <c>w = 1 + u</c> rounded, accurate also where u is tiny:
    /// dividing by the rounded <c>w − 1</c> cancels the error made in rounding w (a classic correction,
    /// since <c>T.LogP1</c> is plain <c>log(1 + u)</c>).
    /// </summary>
    private static T LogOnePlus<T>(T u, T w)
        where T : unmanaged, IFloatingPointIeee754<T>
        => w == T.One ? u : T.Log(w) * u / (w - T.One);
}
