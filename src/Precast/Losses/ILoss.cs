using System.Numerics;

namespace Precast.Losses;

/// <summary>
/// A loss as a generated model uses it: the mean loss with its gradient, and the link function
/// Predict applies to raw outputs. Implemented by small structs, so a model's core calls the loss
/// directly (static abstract members, no virtual dispatch).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TTarget">What outputs are compared against: int class labels or T values.</typeparam>
public interface ILoss<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    /// <summary>Whether targets are class indices (one per sample) rather than one value per output.</summary>
    static abstract bool UsesClassLabels { get; }

    /// <summary>Target values per sample for outputs of <paramref name="outputLength"/> values.</summary>
    static abstract int TargetsPerSample(int outputLength);

    /// <summary>The mean loss over the batch; writes its gradient with respect to the outputs into <paramref name="gradient"/>.</summary>
    static abstract T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<TTarget> targets, Span<T> gradient, int batch, int outputLength);

    /// <summary>Turns raw outputs into predictions in place (softmax, sigmoid, or nothing).</summary>
    static abstract void Link(Span<T> outputs, int batch, int outputLength);
}

/// <summary><see cref="SoftmaxCrossEntropy"/> as a model's loss: integer labels, softmax probabilities from Predict.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SoftmaxCrossEntropyLoss<T> : ILoss<T, int>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool UsesClassLabels => true;

    /// <inheritdoc/>
    public static int TargetsPerSample(int outputLength) => 1;

    /// <inheritdoc/>
    public static T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<int> targets, Span<T> gradient, int batch, int outputLength) =>
        SoftmaxCrossEntropy.Compute(outputs, targets, gradient, batch, outputLength);

    /// <inheritdoc/>
    public static void Link(Span<T> outputs, int batch, int outputLength) =>
        Kernels.Softmax.Forward<T>(outputs, outputs, batch, outputLength);
}

/// <summary><see cref="SigmoidBinaryCrossEntropy"/> as a model's loss: targets in [0, 1], sigmoid probabilities from Predict.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SigmoidBinaryCrossEntropyLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool UsesClassLabels => false;

    /// <inheritdoc/>
    public static int TargetsPerSample(int outputLength) => outputLength;

    /// <inheritdoc/>
    public static T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        SigmoidBinaryCrossEntropy.Compute(outputs, targets, gradient);

    /// <inheritdoc/>
    public static void Link(Span<T> outputs, int batch, int outputLength) => Kernels.Sigmoid.Forward<T>(outputs, outputs);
}

/// <summary><see cref="MeanSquaredError"/> as a model's loss: real-valued targets, outputs as they are from Predict.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct MeanSquaredErrorLoss<T> : ILoss<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool UsesClassLabels => false;

    /// <inheritdoc/>
    public static int TargetsPerSample(int outputLength) => outputLength;

    /// <inheritdoc/>
    public static T Compute(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputLength) =>
        MeanSquaredError.Compute(outputs, targets, gradient);

    /// <inheritdoc/>
    public static void Link(Span<T> outputs, int batch, int outputLength)
    {
    }
}
