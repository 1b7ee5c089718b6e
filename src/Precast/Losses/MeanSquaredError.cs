using System.Numerics;
using System.Numerics.Tensors;
using Precast.Kernels;

namespace Precast.Losses;

/// <summary>Mean squared error, <c>loss = mean((y − t)²)</c> over all elements (PyTorch's <c>F.mse_loss</c>).</summary>
public static class MeanSquaredError
{
    /// <summary>
    /// Returns the mean loss over all elements and, unless <paramref name="gradient"/> is empty,
    /// writes its gradient with respect to the outputs, <c>2(y − t) / N</c>.
    /// <paramref name="gradient"/> may be <paramref name="outputs"/> itself.
    /// </summary>
    /// <param name="outputs">The model's outputs y, at least one.</param>
    /// <param name="targets">The targets t, one per output.</param>
    /// <param name="gradient">Empty, or one value per output to receive the gradient.</param>
    /// <exception cref="ArgumentException">A span is empty or its length does not match the outputs.</exception>
    public static T Compute<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "MeanSquaredError.Compute";
        KernelGuard.NotEmpty(outputs.Length, method, nameof(outputs));
        KernelGuard.SameLength(targets.Length, outputs.Length, method, nameof(targets), nameof(outputs));
        KernelGuard.Gradient(gradient.Length, outputs.Length, method);

        T inverseCount = T.One / T.CreateTruncating(outputs.Length);
        T loss = Reductions.SumOfSquaredDifferences(outputs, targets) * inverseCount;
        if (!gradient.IsEmpty)
        {
            TensorPrimitives.Subtract(outputs, targets, gradient);
            TensorPrimitives.Multiply(gradient, (T.One + T.One) * inverseCount, gradient);
        }
        return loss;
    }
}
