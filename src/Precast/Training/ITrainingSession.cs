namespace Precast.Training;

/// <summary>
/// What a <see cref="TrainingContext"/> needs from the typed trainer behind it: the model's weights
/// and checkpoints, which depend on the element type the context does not carry.
/// </summary>
internal interface ITrainingSession
{
    /// <summary>Copies the model's parameters and state into <paramref name="into"/>, or a new snapshot when it is null or of another model.</summary>
    WeightSnapshot CopyWeights(WeightSnapshot? into);

    /// <summary>Sets the model's parameters and state to <paramref name="snapshot"/>'s.</summary>
    void RestoreWeights(WeightSnapshot snapshot);

    /// <summary>Writes a checkpoint of the model (and, once checkpoints carry it, the optimizer) at the context's epoch and step.</summary>
    void SaveCheckpoint(string path, TrainingContext context);
}
