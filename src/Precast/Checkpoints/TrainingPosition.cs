namespace Precast.Checkpoints;

/// <summary>
/// Where a training run stands, saved with a <see cref="TrainingCheckpoint"/> and returned by its
/// <see cref="TrainingCheckpoint.Load{T}"/> so the loop can continue from there.
/// </summary>
/// <param name="Epoch">The epoch in progress (from 0), or the next one when <paramref name="Batch"/> is 0.</param>
/// <param name="Batch">
/// Batches of <paramref name="Epoch"/> already trained on: resume with
/// <c>batches.Epoch(Epoch, startBatch: Batch)</c>. 0 at an epoch boundary.
/// </param>
/// <param name="Step">Optimizer steps taken since the start of the run.</param>
public sealed record TrainingPosition(int Epoch, int Batch, long Step)
{
    /// <summary>
    /// The seed of the batcher that shuffles (and augments) the training data, when the run uses
    /// one: the order of an epoch depends only on it and the epoch number, so a batcher built with
    /// the same samples, batch size and this seed hands out the batches the interrupted run would
    /// have. <see langword="null"/> when not recorded.
    /// </summary>
    public ulong? DataSeed { get; init; }

    /// <summary>The progress at the very start of a run: epoch 0, no batch, no step.</summary>
    public static TrainingPosition Start { get; } = new(0, 0, 0);

    internal void Check(string paramName)
    {
        if (Epoch < 0 || Batch < 0 || Step < 0)
            throw new ArgumentOutOfRangeException(paramName, this,
                $"TrainingPosition: epoch {Epoch}, batch {Batch} and step {Step} must all be 0 or more.");
    }
}
