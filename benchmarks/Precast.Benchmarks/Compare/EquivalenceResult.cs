namespace Precast.Benchmarks.Compare;

/// <summary>
/// How far the Precast network's results are from PyTorch's with the same weights and input: the
/// largest absolute difference of each quantity, or null where it was not compared.
/// </summary>
/// <param name="Network">The network's name.</param>
/// <param name="Batch">The samples of the check's batch.</param>
/// <param name="EvalOutput">The outputs in inference mode (running statistics, no dropout).</param>
/// <param name="TrainOutput">The outputs in training mode (batch statistics).</param>
/// <param name="Loss">The mean softmax cross-entropy of those outputs.</param>
/// <param name="Gradient">Every parameter's gradient after that training-mode pass.</param>
/// <param name="GradientScale">The largest gradient magnitude, to read <paramref name="Gradient"/> against.</param>
/// <param name="State">The running statistics that pass left (and num_batches_tracked).</param>
/// <param name="Failure">Why the check could not run (a name or shape that does not match, a missing file); null when it ran.</param>
public sealed record EquivalenceResult(
    string Network, int Batch, double? EvalOutput, double? TrainOutput, double? Loss, double? Gradient, double? GradientScale, double? State,
    string? Failure)
{
    /// <summary>
    /// The largest difference accepted for outputs, loss and running statistics, and for gradients
    /// relative to the largest gradient (or absolutely, below 1): float32 results of the same
    /// computation summed in another order differ by a few units in the sixth digit.
    /// </summary>
    public const double Tolerance = 1e-4;

    /// <summary>Whether the check ran and every compared quantity is within <see cref="Tolerance"/>.</summary>
    public bool Passed =>
        Failure is null
        && EvalOutput <= Tolerance
        && Within(TrainOutput, 1) && Within(Loss, 1) && Within(State, 1)
        && Within(Gradient, Math.Max(1, GradientScale ?? 1));

    /// <summary>A check that could not run, and why.</summary>
    public static EquivalenceResult Failed(string network, int batch, string failure) =>
        new(network, batch, null, null, null, null, null, null, failure);

    private static bool Within(double? difference, double scale) => difference is not double value || value <= Tolerance * scale;
}
