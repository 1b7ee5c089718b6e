using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Losses;

/// <summary>Mean absolute error, <c>loss = mean(|y − t|)</c> over all elements (PyTorch's <c>F.l1_loss</c>, <c>nn.L1Loss</c>).</summary>
public static class MeanAbsoluteError
{
    /// <summary>
    /// Returns the mean loss over all elements and, unless <paramref name="gradient"/> is empty,
    /// writes its gradient with respect to the outputs, <c>sign(y − t) / N</c>, where the sign of 0 is 0
    /// (PyTorch's subgradient at the kink). <paramref name="gradient"/> may be <paramref name="outputs"/>
    /// itself. The sum is accurate for any number of elements.
    /// </summary>
    /// <param name="outputs">The model's outputs y, at least one.</param>
    /// <param name="targets">The targets t, one per output.</param>
    /// <param name="gradient">Empty, or one value per output to receive the gradient.</param>
    /// <exception cref="ArgumentException">A span is empty or its length does not match the outputs.</exception>
    public static T Compute<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoss.Mean(outputs, targets, gradient, default(Term<T>), "MeanAbsoluteError.Compute");

    /// <summary><c>|y − t|</c> and its derivative <c>sign(y − t)</c> (0 at 0).</summary>
    internal readonly struct Term<T> : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T y, T t, out T derivative)
        {
            T difference = y - t;
            derivative = difference > T.Zero ? T.One : difference < T.Zero ? T.NegativeOne : T.Zero;
            return T.Abs(difference);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> y, Vector<T> t, out Vector<T> derivative)
        {
            Vector<T> difference = y - t;
            derivative = Vector.ConditionalSelect(Vector.GreaterThan(difference, Vector<T>.Zero), Vector<T>.One,
                Vector.ConditionalSelect(Vector.LessThan(difference, Vector<T>.Zero), -Vector<T>.One, Vector<T>.Zero));
            return Vector.Abs(difference);
        }
    }
}
