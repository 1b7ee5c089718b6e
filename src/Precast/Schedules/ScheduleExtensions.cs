using Precast.Optimizers;

namespace Precast.Schedules;

/// <summary>Drives an optimizer from a schedule.</summary>
public static class ScheduleExtensions
{
    /// <summary>
    /// Sets every group's learning rate to <paramref name="schedule"/>'s value at
    /// <paramref name="step"/> from the group's initial rate, and, when the schedule sets momentum
    /// (<see cref="IMomentumSchedule"/>), every group's momentum. Call it before the optimizer step (or
    /// epoch) it should govern: with <c>step = optimizer.StepCount</c> for a per-step schedule, with the
    /// epoch number for a per-epoch one. Allocates nothing.
    /// </summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="schedule">The schedule.</param>
    /// <param name="step">How many times the schedule has advanced; at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is out of the schedule's range.</exception>
    /// <exception cref="InvalidOperationException">The schedule sets momentum and a group has none (<see cref="OptimizerGroup.HasMomentum"/>).</exception>
    public static void ApplySchedule(this IOptimizer optimizer, ILearningRateSchedule schedule, long step)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        IMomentumSchedule? momentum = schedule is IMomentumSchedule { SetsMomentum: true } m ? m : null;
        IReadOnlyList<OptimizerGroup> groups = optimizer.Groups;
        // Check first, so that a failure leaves every group as it was.
        for (int g = 0; momentum is not null && g < groups.Count; g++)
        {
            if (!groups[g].HasMomentum)
            {
                throw new InvalidOperationException(
                    $"{groups[g].Description}: {schedule.GetType().Name} sets momentum, but this group has none (SGD and RMSProp keep one only " +
                    "when constructed with a momentum above 0; Adagrad and Adadelta have none). Construct the optimizer with momentum, or tell the schedule not to set it.");
            }
        }
        for (int g = 0; g < groups.Count; g++)
        {
            groups[g].LearningRate = schedule.LearningRate(step, groups[g].InitialLearningRate);
            if (momentum is not null)
                groups[g].Momentum = momentum.Momentum(step);
        }
    }
}
