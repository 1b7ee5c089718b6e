namespace Precast.Metrics;

/// <summary>The result of <see cref="Evaluation.Evaluate"/> over a data set.</summary>
/// <param name="Loss">The mean loss per sample (each batch's mean loss weighted by its sample count).</param>
/// <param name="Accuracy">The fraction of labels whose output argmax matched, from 0 to 1.</param>
/// <param name="Count">The number of samples evaluated.</param>
public readonly record struct EvaluationResult(double Loss, double Accuracy, int Count);
