using System.Globalization;
using System.Numerics;
using Precast.Checkpoints;
using Precast.Optimizers;

namespace Precast.Training;

/// <summary>
/// The one place the trainer writes checkpoints (<see cref="TrainingContext.SaveCheckpoint"/>, and
/// through it <see cref="SaveBestCheckpoint"/>). Today it saves the model's weights with
/// <see cref="Checkpoint.Save{T}"/> and records the epoch and step as metadata; when checkpoints
/// carry the optimizer's state, the step and the random state, this method passes them on and
/// nothing else in the trainer changes.
/// </summary>
internal static class TrainingCheckpoint
{
    /// <summary>The metadata key of the epoch the checkpoint was written in (from 0).</summary>
    public const string EpochKey = "epoch";

    /// <summary>The metadata key of the optimizer steps taken before the checkpoint (<see cref="TrainingContext.Step"/>).</summary>
    public const string StepKey = "step";

    public static void Save<T>(IModel<T> model, IOptimizer<T> optimizer, string path, TrainingContext context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The optimizer's state is not saved yet; it is taken here so the seam's signature is final.
        _ = optimizer;
        Checkpoint.Save(model, path, new Dictionary<string, string>
        {
            [EpochKey] = context.Epoch.ToString(CultureInfo.InvariantCulture),
            [StepKey] = context.Step.ToString(CultureInfo.InvariantCulture),
        });
    }
}
