using System.Numerics;
using Precast.Losses;

namespace Precast.Runtime;

/// <summary>
/// <see cref="ModelCore{T}"/> for a model with a loss: computing it, back-propagating it, and the
/// fused training step. The loss is a type argument, so its calls are direct and inlinable.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TTarget">What the loss compares outputs against: int class labels or T values.</typeparam>
/// <typeparam name="TLoss">The loss.</typeparam>
public sealed class TrainableModelCore<T, TTarget, TLoss> : ModelCore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
    where TLoss : struct, ILoss<T, TTarget>
{
    private readonly TLoss _loss;

    /// <summary>
    /// Allocates every buffer for batches of up to <paramref name="maxBatch"/> samples, with the loss's
    /// default value (a loss without options, or label smoothing 0).
    /// </summary>
    /// <param name="passes">The model's passes.</param>
    /// <param name="layout">The model's sizes and tensors.</param>
    /// <param name="maxBatch">The largest batch one call accepts.</param>
    public TrainableModelCore(IModelPasses<T> passes, ModelLayout layout, int maxBatch)
        : this(passes, layout, maxBatch, default)
    {
    }

    /// <summary>Allocates every buffer for batches of up to <paramref name="maxBatch"/> samples, training with <paramref name="loss"/>.</summary>
    /// <param name="passes">The model's passes.</param>
    /// <param name="layout">The model's sizes and tensors.</param>
    /// <param name="maxBatch">The largest batch one call accepts.</param>
    /// <param name="loss">The loss with its options (Huber's δ, label smoothing).</param>
    public TrainableModelCore(IModelPasses<T> passes, ModelLayout layout, int maxBatch, TLoss loss)
        : base(passes, layout, maxBatch)
    {
        _loss = loss;
        TargetLength = TLoss.TargetsPerSample(layout.OutputSize);
    }

    /// <summary>Target values per sample: 1 for class labels, OutputSize otherwise.</summary>
    public int TargetLength { get; }

    /// <summary>The mean loss of the latest Forward against <paramref name="targets"/>; stores the output gradient Backward() propagates.</summary>
    public T ComputeLoss(ReadOnlySpan<TTarget> targets)
    {
        if (State == Phase.None)
            throw new InvalidOperationException(Calls.ComputeLoss + ": there are no outputs to compute a loss of; call Forward first.");
        int batch = Batch;
        Guard.Length(targets.Length, batch, TargetLength, Calls.ComputeLoss, TargetsName);
        T loss = _loss.Compute(Output(InputCopy(), batch), targets, OutputGradient(batch), batch, Layout.OutputSize);
        if (State == Phase.Forwarded)
            State = Phase.LossComputed;
        return loss;
    }

    /// <summary>Back-propagates the output gradient the latest ComputeLoss stored, adding into the gradients.</summary>
    public void Backward()
    {
        if (State != Phase.LossComputed)
        {
            string why = State == Phase.Forwarded
                ? "there is no output gradient to propagate; call ComputeLoss after Forward, or pass your own output gradient to Backward(outputGradient)."
                : NothingToBackPropagate();
            throw new InvalidOperationException(Calls.Backward + ": " + why);
        }
        RunBackward(InputCopy(), Batch, LastForwardTrained);
    }

    /// <summary>
    /// One training step without the optimizer: clears the gradients, runs the forward pass in
    /// training mode on <paramref name="inputs"/> (read in place), computes the mean loss against
    /// <paramref name="targets"/> and runs the backward pass. Allocates nothing.
    /// </summary>
    public T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<TTarget> targets)
    {
        int batch = BatchOf(inputs, Calls.TrainStep);
        Guard.Length(targets.Length, batch, TargetLength, Calls.TrainStep, TargetsName);
        ZeroGradients();
        RunForwardInPlace(inputs, batch);
        T loss = _loss.Compute(Output(inputs, batch), targets, OutputGradient(batch), batch, Layout.OutputSize);
        RunBackward(inputs, batch, training: true);
        State = Phase.None;
        return loss;
    }

    private protected override void ApplyLink(Span<T> outputs, int batch) => TLoss.Link(outputs, batch, Layout.OutputSize);

    private static string TargetsName => TLoss.UsesClassLabels ? "labels" : "targets";
}
