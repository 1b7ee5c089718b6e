using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Precast.Kernels;

namespace Precast.Losses;

/// <summary>
/// Softmax cross-entropy from logits, against integer class labels or against a probability
/// distribution per row, optionally with label smoothing: the same values as PyTorch's
/// <c>F.cross_entropy(logits, target, label_smoothing=ε)</c> for both kinds of target.
/// </summary>
/// <remarks>
/// With smoothing ε the target of a row is <c>(1 − ε)·t + ε/C</c> (t the one-hot label or the given
/// distribution, C the number of classes), and the loss is the cross-entropy
/// <c>−Σ_c t'_c·log softmax(x)_c</c>, averaged over the rows. Each row's maximum is subtracted before
/// exponentiating, so huge logits neither overflow nor lose the answer, and every sum is accurate for
/// rows and batches of any length.
/// </remarks>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns the mean loss over the batch against integer labels,
    /// <c>logsumexp(x) − (1 − ε)·x[label] − (ε/C)·Σ_c x_c</c> per row, and, unless
    /// <paramref name="gradient"/> is empty, writes its gradient with respect to the logits,
    /// <c>(softmax(row) − (1 − ε)·onehot(label) − ε/C) / batch</c>.
    /// <paramref name="gradient"/> may be <paramref name="logits"/> itself.
    /// </summary>
    /// <param name="logits">The logits, batch × classes values.</param>
    /// <param name="labels">The class index of each row, batch values in [0, classes).</param>
    /// <param name="gradient">Empty, or batch × classes values to receive the gradient.</param>
    /// <param name="batch">The number of rows, at least 1.</param>
    /// <param name="classes">The number of classes, at least 1.</param>
    /// <param name="labelSmoothing">ε, from 0 (none, the default) to 1 (a uniform target).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A dimension is less than 1, a label is outside [0, classes), or <paramref name="labelSmoothing"/> is outside [0, 1].
    /// </exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> gradient, int batch, int classes, T labelSmoothing = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "SoftmaxCrossEntropy.Compute";
        CheckRows(logits.Length, gradient.Length, batch, classes, method);
        KernelGuard.Length(labels.Length, batch, method, nameof(labels), "one per row");
        CheckLabelSmoothing(labelSmoothing, method);
        for (int r = 0; r < labels.Length; r++)
        {
            if ((uint)labels[r] >= (uint)classes)
                ThrowLabel(r, labels[r], classes);
        }

        T inverseBatch = T.One / T.CreateTruncating(batch);
        double smoothing = double.CreateTruncating(labelSmoothing);
        double total = 0;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classes, classes);
            int label = labels[r];
            T max = TensorPrimitives.Max(row);
            // Everything read from the row comes before the gradient overwrites it.
            double labelShifted = double.CreateTruncating(row[label] - max);
            double smoothed = smoothing == 0 ? 0 : smoothing / classes * SoftmaxRows.SumShifted(row, max);
            Span<T> g = gradient.IsEmpty ? [] : gradient.Slice(r * classes, classes);
            double sumOfExp = SoftmaxRows.SumOfExp(row, max, g);
            total += Math.Log(sumOfExp) - (1 - smoothing) * labelShifted - smoothed;

            if (!g.IsEmpty)
            {
                // g holds e^(x − max); softmax is that over its sum.
                TensorPrimitives.Multiply(g, T.CreateTruncating(double.CreateTruncating(inverseBatch) / sumOfExp), g);
                g[label] -= inverseBatch * (T.One - labelSmoothing);
                if (labelSmoothing != T.Zero)
                    TensorPrimitives.Subtract(g, inverseBatch * labelSmoothing / T.CreateTruncating(classes), g);
            }
        }
        return T.CreateTruncating(total / batch);
    }

    /// <summary>
    /// Returns the mean loss over the batch against a probability distribution per row (one-hot rows,
    /// or soft targets such as a teacher's probabilities), <c>−Σ_c t'_c·log softmax(x)_c</c> per row with
    /// <c>t' = (1 − ε)·t + ε/C</c>, and, unless <paramref name="gradient"/> is empty, writes its gradient
    /// with respect to the logits, <c>(softmax(row)·Σ_c t'_c − t') / batch</c>.
    /// <paramref name="gradient"/> may be <paramref name="logits"/> itself.
    /// </summary>
    /// <remarks>
    /// As in PyTorch the targets are not checked to be a distribution: rows that do not sum to 1 give
    /// the formula's value, and its exact gradient.
    /// </remarks>
    /// <param name="logits">The logits, batch × classes values.</param>
    /// <param name="targets">The target distribution of each row, batch × classes values.</param>
    /// <param name="gradient">Empty, or batch × classes values to receive the gradient.</param>
    /// <param name="batch">The number of rows, at least 1.</param>
    /// <param name="classes">The number of classes, at least 1.</param>
    /// <param name="labelSmoothing">ε, from 0 (none, the default) to 1 (a uniform target).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or <paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int classes, T labelSmoothing = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "SoftmaxCrossEntropy.Compute";
        CheckRows(logits.Length, gradient.Length, batch, classes, method);
        KernelGuard.SameLength(targets.Length, logits.Length, method, nameof(targets), nameof(logits));
        CheckLabelSmoothing(labelSmoothing, method);
        return DistributionRows.Mean(logits, targets, gradient, batch, classes, labelSmoothing, withEntropy: false);
    }

    /// <summary>Checks the dimensions and the logits and gradient lengths of a row loss.</summary>
    internal static void CheckRows(int logitsLength, int gradientLength, int batch, int classes, string method)
    {
        KernelGuard.Positive(batch, method, nameof(batch));
        KernelGuard.Positive(classes, method, nameof(classes));
        KernelGuard.Matrix(logitsLength, batch, classes, method, "logits", nameof(batch), nameof(classes));
        KernelGuard.Gradient(gradientLength, logitsLength, method);
    }

    /// <summary>Checks ε: from 0 to 1, as PyTorch requires.</summary>
    internal static void CheckLabelSmoothing<T>(T labelSmoothing, string method)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(labelSmoothing >= T.Zero && labelSmoothing <= T.One))
            ThrowLabelSmoothing(double.CreateTruncating(labelSmoothing), method);
    }

    private static void ThrowLabelSmoothing(double labelSmoothing, string method)
        => throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
            $"{method}: labelSmoothing is {labelSmoothing.ToString(CultureInfo.InvariantCulture)}; expected a value from 0 to 1, such as 0.1.");

    private static void ThrowLabel(int row, int label, int classes)
        => throw new ArgumentOutOfRangeException(
            "labels", $"SoftmaxCrossEntropy.Compute: labels[{row}] is {label}; expected a class index in [0, {classes}).");
}
