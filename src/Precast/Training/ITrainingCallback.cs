namespace Precast.Training;

/// <summary>
/// Code the trainer runs at fixed points of <c>Fit</c>: before and after training, each epoch and
/// each batch. Implement only the methods you need (the others do nothing); read and steer the run
/// through the <see cref="TrainingContext"/>. The trainer calls the callbacks in the order they were
/// added, on the thread that called <c>Fit</c>.
/// <code>
/// sealed class PrintEpochs : ITrainingCallback
/// {
///     public void OnEpochEnd(TrainingContext context) =>
///         Console.WriteLine($"epoch {context.Epoch + 1}: {context.Metrics}");
/// }
/// </code>
/// </summary>
/// <remarks>
/// The batch methods run once per training step: a callback that should keep training
/// allocation-free must not allocate there (the built-in ones do not).
/// </remarks>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch.</summary>
    void OnTrainBegin(TrainingContext context)
    {
    }

    /// <summary>Before each epoch's first batch (a per-epoch schedule sets the learning rate here).</summary>
    void OnEpochBegin(TrainingContext context)
    {
    }

    /// <summary>Before each training step; <see cref="TrainingContext.Batch"/> and <see cref="TrainingContext.Step"/> say which.</summary>
    void OnBatchBegin(TrainingContext context)
    {
    }

    /// <summary>After each training step (the optimizer has stepped); <see cref="TrainingContext.BatchLoss"/> is its loss.</summary>
    void OnBatchEnd(TrainingContext context)
    {
    }

    /// <summary>After each epoch's validation, with <see cref="TrainingContext.Metrics"/> filled in and the epoch recorded in the history.</summary>
    void OnEpochEnd(TrainingContext context)
    {
    }

    /// <summary>After the last epoch, or after a stop; not when an exception ends <c>Fit</c>.</summary>
    void OnTrainEnd(TrainingContext context)
    {
    }
}
