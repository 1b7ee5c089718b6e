namespace Precast.Training;

/// <summary>One finished epoch of a <c>Fit</c>: its number, results, learning rate and duration.</summary>
/// <param name="Epoch">The epoch, from 0.</param>
/// <param name="Metrics">The epoch's training and validation results (a copy: later epochs do not change it).</param>
/// <param name="LearningRate">The default group's learning rate at the end of the epoch's last step.</param>
/// <param name="Duration">How long the epoch took, its validation included.</param>
public sealed record EpochResult(int Epoch, MetricValues Metrics, double LearningRate, TimeSpan Duration);
