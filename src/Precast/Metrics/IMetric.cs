using System.Numerics;

namespace Precast.Metrics;

/// <summary>
/// A metric accumulated over batches: <see cref="Update"/> with each batch's model outputs and
/// targets, read <see cref="Value"/> at the end, <see cref="Reset"/> before the next pass. Updating
/// allocates nothing, so a metric can follow every training or validation step. Implemented by
/// <see cref="Accuracy"/>, <see cref="ConfusionMatrix"/> and <see cref="RegressionErrors"/>.
/// </summary>
/// <typeparam name="T">The model's element type.</typeparam>
/// <typeparam name="TTarget">What the outputs are compared with: int class labels, or T values.</typeparam>
public interface IMetric<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    /// <summary>What <see cref="Value"/> measures, for progress lines and history columns: "accuracy", "top-5 accuracy".</summary>
    string Name { get; }

    /// <summary>The metric over everything added since construction or the latest <see cref="Reset"/>.</summary>
    double Value { get; }

    /// <summary>Adds a batch: the model's outputs for some samples and their targets. Allocates nothing.</summary>
    /// <param name="outputs">The model's outputs, one row per sample.</param>
    /// <param name="targets">The samples' targets.</param>
    void Update(ReadOnlySpan<T> outputs, ReadOnlySpan<TTarget> targets);

    /// <summary>Forgets everything added.</summary>
    void Reset();
}
