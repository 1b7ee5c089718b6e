using System.Numerics;
using System.Numerics.Tensors;
using Precast.Kernels;

namespace Precast.Losses;

/// <summary>
/// Softmax cross-entropy with integer class labels, from logits:
/// <c>loss = mean over rows of (logsumexp(row) − row[label])</c>, the same value as PyTorch's
/// <c>F.cross_entropy(logits, labels)</c>.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns the mean loss over the batch and, unless <paramref name="gradient"/> is empty, writes
    /// its gradient with respect to the logits, <c>(softmax(row) − onehot(label)) / batch</c>. Each
    /// row's maximum is subtracted before exponentiating, so huge logits neither overflow nor lose the
    /// answer. <paramref name="gradient"/> may be <paramref name="logits"/> itself.
    /// </summary>
    /// <param name="logits">The logits, batch × classes values.</param>
    /// <param name="labels">The class index of each row, batch values in [0, classes).</param>
    /// <param name="gradient">Empty, or batch × classes values to receive the gradient.</param>
    /// <param name="batch">The number of rows, at least 1.</param>
    /// <param name="classes">The number of classes, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or a label is outside [0, classes).</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> gradient, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "SoftmaxCrossEntropy.Compute";
        KernelGuard.Positive(batch, method, nameof(batch));
        KernelGuard.Positive(classes, method, nameof(classes));
        KernelGuard.Matrix(logits.Length, batch, classes, method, nameof(logits), nameof(batch), nameof(classes));
        KernelGuard.Length(labels.Length, batch, method, nameof(labels), "one per row");
        KernelGuard.Gradient(gradient.Length, logits.Length, method);
        for (int r = 0; r < labels.Length; r++)
        {
            if ((uint)labels[r] >= (uint)classes)
                ThrowLabel(r, labels[r], classes);
        }

        T total = T.Zero;
        T inverseBatch = T.One / T.CreateTruncating(batch);
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classes, classes);
            int label = labels[r];
            T max = TensorPrimitives.Max(row);
            T labelShifted = row[label] - max;
            T sumOfExp = Reductions.SumOfExp(row, max);
            total += T.Log(sumOfExp) - labelShifted;

            if (!gradient.IsEmpty)
            {
                Span<T> g = gradient.Slice(r * classes, classes);
                TensorPrimitives.Subtract(row, max, g);
                TensorPrimitives.Exp(g, g);
                TensorPrimitives.Multiply(g, inverseBatch / sumOfExp, g);
                g[label] -= inverseBatch;
            }
        }
        return total * inverseBatch;
    }

    private static void ThrowLabel(int row, int label, int classes)
        => throw new ArgumentOutOfRangeException(
            "labels", $"SoftmaxCrossEntropy.Compute: labels[{row}] is {label}; expected a class index in [0, {classes}).");
}
