namespace Precast.Schedules;

/// <summary>
/// A learning rate as a function of how far training has gone: a closed form, with no state, so that
/// a trainer may drive it per optimizer step or per epoch, jump to any point (resuming from a
/// checkpoint needs only the step or epoch number), and apply one schedule to parameter groups that
/// start from different rates. <see cref="ScheduleExtensions.ApplySchedule"/> sets an optimizer's
/// rates from it.
/// </summary>
/// <remarks>
/// <para><c>step</c> counts how many times the schedule has advanced, as PyTorch's
/// <c>scheduler.last_epoch</c>: 0 before the first advance (the first optimizer step, or the first
/// epoch, runs at step 0), then one more per optimizer step for a per-step schedule or per epoch for
/// a per-epoch one. The schedule does not know which; see each schedule for how it is usually driven.</para>
/// <para>Every schedule gives the values PyTorch's matching <c>torch.optim.lr_scheduler</c> class sets
/// (its closed form, where PyTorch updates recursively and so differs in the last bits).</para>
/// </remarks>
public interface ILearningRateSchedule
{
    /// <summary>
    /// The learning rate at <paramref name="step"/> of a parameter group whose rate started at
    /// <paramref name="initialLearningRate"/> (PyTorch's <c>initial_lr</c>, the group's
    /// <see cref="Optimizers.OptimizerGroup.InitialLearningRate"/>). Allocates nothing.
    /// </summary>
    /// <param name="step">How many times the schedule has advanced; at least 0.</param>
    /// <param name="initialLearningRate">The group's initial rate.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative, or past the end of a schedule of fixed length (one-cycle).</exception>
    double LearningRate(long step, double initialLearningRate);
}

/// <summary>A schedule that also sets momentum (SGD's momentum, the Adam family's β1), as PyTorch's one-cycle does.</summary>
public interface IMomentumSchedule
{
    /// <summary>Whether the schedule sets momentum at all (a one-cycle schedule may be told not to).</summary>
    bool SetsMomentum { get; }

    /// <summary>The momentum at <paramref name="step"/>, counted as in <see cref="ILearningRateSchedule"/>.</summary>
    /// <param name="step">How many times the schedule has advanced; at least 0.</param>
    double Momentum(long step);
}
