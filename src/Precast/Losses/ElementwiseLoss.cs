using System.Numerics;
using Precast.Kernels;

namespace Precast.Losses;

/// <summary>
/// What the losses with one term per output share (mean squared and absolute error, Huber, sigmoid
/// cross-entropy): the argument checks, the mean of the terms over every output, and the gradient
/// <c>∂term/∂y / N</c>.
/// </summary>
internal static class ElementwiseLoss
{
    /// <summary>
    /// The mean of <paramref name="term"/> over every (output, target) pair, and unless
    /// <paramref name="gradient"/> is empty its gradient with respect to the outputs. Checks the spans
    /// in the name of <paramref name="method"/>.
    /// </summary>
    public static T Mean<T, TTerm>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, TTerm term, string method, string outputsName = "outputs")
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTerm : struct, ITerm<T>
    {
        KernelGuard.NotEmpty(outputs.Length, method, outputsName);
        KernelGuard.SameLength(targets.Length, outputs.Length, method, nameof(targets), outputsName);
        KernelGuard.Gradient(gradient.Length, outputs.Length, method);
        T inverseCount = T.One / T.CreateTruncating(outputs.Length);
        double sum = TermSum.Sum(outputs, targets, gradient, inverseCount, term);
        return T.CreateTruncating(sum / outputs.Length);
    }
}
