using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Losses;

/// <summary>
/// The row loss that softmax cross-entropy against probability targets and the KL divergence share:
/// <c>−Σ_c t'_c·log softmax(x)_c</c> with <c>t' = (1 − ε)·t + ε/C</c>, plus for the divergence the
/// targets' own <c>Σ_c t_c·log t_c</c>; both have the gradient <c>softmax(x)·Σ_c t'_c − t'</c>.
/// Callers check the arguments.
/// </summary>
internal static class DistributionRows
{
    /// <summary>The mean row loss over the batch; unless <paramref name="gradient"/> is empty, writes its gradient (the mean's).</summary>
    public static T Mean<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int classes, T labelSmoothing, bool withEntropy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T inverseBatch = T.One / T.CreateTruncating(batch);
        double smoothing = double.CreateTruncating(labelSmoothing);
        double total = 0;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classes, classes);
            ReadOnlySpan<T> target = targets.Slice(r * classes, classes);
            T max = TensorPrimitives.Max(row);
            // With s = log Σ e^(x − max), −Σ t'·log softmax = Σ t'·s − Σ t'·(x − max), and Σ t' = (1 − ε)·Σ t + ε.
            // Everything read from the row comes before the gradient overwrites it.
            double targetSum = (1 - smoothing) * SoftmaxRows.Sum(target) + smoothing;
            double dot = (1 - smoothing) * SoftmaxRows.Dot(target, row, max);
            if (smoothing != 0)
                dot += smoothing / classes * SoftmaxRows.SumShifted(row, max);
            double entropy = withEntropy ? SoftmaxRows.SumOfXLogX(target) : 0;
            Span<T> g = gradient.IsEmpty ? [] : gradient.Slice(r * classes, classes);
            double sumOfExp = SoftmaxRows.SumOfExp(row, max, g);
            total += targetSum * Math.Log(sumOfExp) - dot + entropy;

            if (!g.IsEmpty)
            {
                // g holds e^(x − max); softmax·Σt' is that times Σt'/S.
                TensorPrimitives.Multiply(g, T.CreateTruncating(double.CreateTruncating(inverseBatch) * targetSum / sumOfExp), g);
                TensorPrimitives.MultiplyAdd(target, -(inverseBatch * (T.One - labelSmoothing)), g, g);
                if (labelSmoothing != T.Zero)
                    TensorPrimitives.Subtract(g, inverseBatch * labelSmoothing / T.CreateTruncating(classes), g);
            }
        }
        return T.CreateTruncating(total / batch);
    }
}
