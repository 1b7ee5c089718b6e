namespace Precast.Optimizers;

/// <summary>
/// An optimizer: updates a model's flat <see cref="IModel{T}.Parameters"/> from its
/// <see cref="IModel{T}.Gradients"/>. Optimizers know nothing of layers; they see one buffer of
/// values and one buffer of gradients of the same length.
/// </summary>
/// <remarks>
/// A training step is <c>model.TrainStep(inputs, labels)</c> (which clears, fills and back-propagates
/// the gradients) followed by <see cref="Step"/>. <see cref="Step"/> allocates nothing.
/// </remarks>
public interface IOptimizer
{
    /// <summary>
    /// The learning rate used by the next <see cref="Step"/>. Settable between steps, so a schedule
    /// can change it; must be finite and not negative.
    /// </summary>
    float LearningRate { get; set; }

    /// <summary>How many steps have been taken since construction or the latest <see cref="Reset"/>.</summary>
    long StepCount { get; }

    /// <summary>Updates the model's parameters once from its current gradients.</summary>
    void Step();

    /// <summary>
    /// Forgets everything learned about the gradients (momentum, moment estimates) and sets
    /// <see cref="StepCount"/> to 0, as a freshly constructed optimizer. Hyperparameters are kept.
    /// </summary>
    void Reset();
}
