using System.Globalization;

namespace Precast.Training;

/// <summary>
/// Stops training at the first batch whose loss is NaN or infinite, saying where: the epoch, the
/// batch and the optimizer step (Keras's <c>TerminateOnNaN</c>). The reason goes to
/// <see cref="TrainingHistory.StopReason"/>. That batch's step has already updated the weights;
/// an <see cref="EarlyStopping"/> added beside it puts the best epoch's weights back.
/// </summary>
public sealed class StopOnNonFiniteLoss : ITrainingCallback
{
    /// <summary>Where the latest run's loss stopped being finite, or null.</summary>
    public string? Reason { get; private set; }

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context) => Reason = null;

    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context)
    {
        if (double.IsFinite(context.BatchLoss))
            return;
        Reason = string.Create(CultureInfo.InvariantCulture,
            $"the loss was {context.BatchLoss} at epoch {context.Epoch}, batch {context.Batch} of {context.BatchesPerEpoch} " +
            $"(optimizer step {context.Step}; epochs and batches count from 0, steps from 1)");
        context.Stop(Reason);
    }
}
