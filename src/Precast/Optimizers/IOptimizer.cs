namespace Precast.Optimizers;

/// <summary>
/// An optimizer, seen without its element type (as a trainer or a schedule sees it): updates a model's
/// flat <see cref="IModel{T}.Parameters"/> from its <see cref="IModel{T}.Gradients"/>, with learning
/// rates and momenta that may change between steps. Optimizers know nothing of layers: they see one
/// buffer of values, one of gradients, and the named tensors only to form parameter groups.
/// </summary>
/// <remarks>
/// A training step is <c>model.TrainStep(inputs, labels)</c> (which clears, fills and back-propagates
/// the gradients), optionally <see cref="GradientClipping"/>, then <see cref="Step"/>. <see cref="Step"/>
/// allocates nothing.
/// </remarks>
public interface IOptimizer
{
    /// <summary>The optimizer's name as messages and state names use it: "Sgd", "Adam", ...</summary>
    string Name { get; }

    /// <summary>The parameter groups; group 0 is the default group, then one per <see cref="ParameterGroup{TOptions}"/> given at construction.</summary>
    IReadOnlyList<OptimizerGroup> Groups { get; }

    /// <summary>
    /// The learning rate of the default group (group 0). Setting it sets every group's rate to the
    /// value, as a single-rate optimizer (Keras) would; to keep the groups' ratios, set
    /// <see cref="OptimizerGroup.LearningRate"/> per group, or let a schedule do it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    double LearningRate { get; set; }

    /// <summary>How many steps have been taken since construction or the latest <see cref="Reset"/>.</summary>
    long StepCount { get; }

    /// <summary>Updates the model's parameters once from its current gradients.</summary>
    /// <exception cref="InvalidOperationException">The optimizer was constructed for raw buffers, without a model.</exception>
    void Step();

    /// <summary>
    /// Forgets everything learned about the gradients (momentum, moment estimates), sets
    /// <see cref="StepCount"/> to 0 and every group's learning rate and momentum back to its options':
    /// the optimizer is as freshly constructed. Hyperparameters and groups are kept.
    /// </summary>
    void Reset();
}

/// <summary>An optimizer of <typeparamref name="T"/> values, steppable on raw buffers and with its state open to checkpoints.</summary>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IOptimizer<T> : IOptimizer
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>The length of the parameter and gradient buffers the optimizer updates.</summary>
    int ParameterCount { get; }

    /// <summary>Updates <paramref name="parameters"/> once from <paramref name="gradients"/>. Allocates nothing.</summary>
    /// <param name="parameters">The values to update, <see cref="ParameterCount"/> of them.</param>
    /// <param name="gradients">Their gradients, same length and layout.</param>
    /// <exception cref="ArgumentException">A buffer's length is not <see cref="ParameterCount"/>.</exception>
    void Step(Span<T> parameters, ReadOnlySpan<T> gradients);

    /// <summary>Everything the optimizer carries from step to step, to save in a checkpoint and restore.</summary>
    IOptimizerState<T> State { get; }
}
