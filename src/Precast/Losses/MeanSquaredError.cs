using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Losses;

/// <summary>Mean squared error, <c>loss = mean((y − t)²)</c> over all elements (PyTorch's <c>F.mse_loss</c>).</summary>
public static class MeanSquaredError
{
    /// <summary>
    /// Returns the mean loss over all elements and, unless <paramref name="gradient"/> is empty,
    /// writes its gradient with respect to the outputs, <c>2(y − t) / N</c>.
    /// <paramref name="gradient"/> may be <paramref name="outputs"/> itself. The sum is accurate for any
    /// number of elements (<see cref="TermSum"/>).
    /// </summary>
    /// <param name="outputs">The model's outputs y, at least one.</param>
    /// <param name="targets">The targets t, one per output.</param>
    /// <param name="gradient">Empty, or one value per output to receive the gradient.</param>
    /// <exception cref="ArgumentException">A span is empty or its length does not match the outputs.</exception>
    public static T Compute<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseLoss.Mean(outputs, targets, gradient, default(Term<T>), "MeanSquaredError.Compute");

    /// <summary><c>(y − t)²</c> and its derivative <c>2(y − t)</c>.</summary>
    internal readonly struct Term<T> : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T y, T t, out T derivative)
        {
            T difference = y - t;
            derivative = difference + difference;
            return difference * difference;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> y, Vector<T> t, out Vector<T> derivative)
        {
            Vector<T> difference = y - t;
            derivative = difference + difference;
            return difference * difference;
        }
    }
}
