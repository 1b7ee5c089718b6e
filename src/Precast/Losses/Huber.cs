using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Losses;

/// <summary>
/// Huber loss with threshold δ: per element <c>½(y − t)²</c> where <c>|y − t| &lt; δ</c>, else
/// <c>δ·(|y − t| − ½δ)</c>, averaged over all elements (PyTorch's <c>F.huber_loss</c>, <c>nn.HuberLoss</c>).
/// Quadratic near the target and linear far from it, so outliers pull with at most δ.
/// </summary>
public static class Huber
{
    /// <summary>
    /// Returns the mean loss over all elements and, unless <paramref name="gradient"/> is empty,
    /// writes its gradient with respect to the outputs, <c>clamp(y − t, −δ, δ) / N</c>.
    /// <paramref name="gradient"/> may be <paramref name="outputs"/> itself. The sum is accurate for any
    /// number of elements.
    /// </summary>
    /// <param name="outputs">The model's outputs y, at least one.</param>
    /// <param name="targets">The targets t, one per output.</param>
    /// <param name="gradient">Empty, or one value per output to receive the gradient.</param>
    /// <param name="delta">The threshold δ between the quadratic and the linear part: positive and finite (PyTorch's default is 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">A span is empty or its length does not match the outputs.</exception>
    public static T Compute<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, T delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Huber.Compute";
        CheckDelta(delta, method);
        return ElementwiseLoss.Mean(outputs, targets, gradient, new Term<T>(delta), method);
    }

    /// <summary>Checks δ: positive and finite.</summary>
    internal static void CheckDelta<T>(T delta, string method)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(delta > T.Zero && T.IsFinite(delta)))
            ThrowDelta(double.CreateTruncating(delta), method);
    }

    private static void ThrowDelta(double delta, string method) =>
        throw new ArgumentOutOfRangeException(nameof(delta), delta,
            $"{method}: delta is {delta.ToString(System.Globalization.CultureInfo.InvariantCulture)}; expected a positive finite threshold, such as 1.");

    /// <summary>The Huber term and its derivative <c>clamp(d, −δ, δ)</c>, with d = y − t.</summary>
    private readonly struct Term<T>(T delta) : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static readonly T Half = T.CreateTruncating(0.5);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T y, T t, out T derivative)
        {
            T difference = y - t;
            T size = T.Abs(difference);
            derivative = T.Clamp(difference, -delta, delta);
            // The same operations as PyTorch: 0.5·z·z below δ, δ·(z − 0.5·δ) above.
            return size < delta ? Half * size * size : delta * (size - Half * delta);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> y, Vector<T> t, out Vector<T> derivative)
        {
            Vector<T> difference = y - t;
            Vector<T> size = Vector.Abs(difference);
            Vector<T> deltaVector = Vector.Create(delta);
            Vector<T> half = Vector.Create(Half);
            derivative = Vector.Min(Vector.Max(difference, -deltaVector), deltaVector);
            return Vector.ConditionalSelect(Vector.LessThan(size, deltaVector), half * size * size, deltaVector * (size - half * deltaVector));
        }
    }
}
