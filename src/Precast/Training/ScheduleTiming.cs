namespace Precast.Training;

/// <summary>How often a <see cref="LearningRateScheduler"/> advances its schedule.</summary>
public enum ScheduleTiming
{
    /// <summary>Once per epoch, before its first batch, at the epoch number (step decay, cosine annealing over epochs).</summary>
    PerEpoch = 0,

    /// <summary>Before every optimizer step, at <see cref="TrainingContext.Step"/> (warm-up, one-cycle, Noam).</summary>
    PerStep = 1,
}
