using System.Numerics;

namespace Precast;

/// <summary>
/// What every generated model offers, so optimizers, checkpoints and metrics can work with any
/// model without knowing its layers. Implemented by the source generator; the concrete class has
/// the same members with compile-time constants beside them (<c>InputSize</c>, <c>OutputSize</c>,
/// <c>ParameterCount</c>).
/// </summary>
/// <remarks>
/// A model owns the buffers its passes write, so one instance serves one thread at a time; give
/// each thread its own instance (loading the same checkpoint) for parallel inference.
/// </remarks>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The model's class name, used in messages.</summary>
    string ModelName { get; }

    /// <summary>Values in one input sample.</summary>
    int InputLength { get; }

    /// <summary>Values in one output sample.</summary>
    int OutputLength { get; }

    /// <summary>The shape of one input sample (no batch dimension).</summary>
    ReadOnlySpan<int> InputShape { get; }

    /// <summary>The shape of one output sample (no batch dimension).</summary>
    ReadOnlySpan<int> OutputShape { get; }

    /// <summary>The largest batch the model's buffers hold; fixed at construction.</summary>
    int MaxBatch { get; }

    /// <summary>Every trainable value, in one flat buffer, in the order of <see cref="ParameterTensors"/>.</summary>
    Span<T> Parameters { get; }

    /// <summary>The gradient of the loss with respect to each value of <see cref="Parameters"/>, same layout.</summary>
    Span<T> Gradients { get; }

    /// <summary>The named tensors <see cref="Parameters"/> is made of: name, shape and offset of each.</summary>
    IReadOnlyList<ParameterTensor> ParameterTensors { get; }

    /// <summary>
    /// Every non-trainable value the model keeps between calls (a batch normalization's running
    /// statistics), in one flat buffer: saved and loaded by checkpoints, never updated by optimizers.
    /// Empty for a model without such layers.
    /// </summary>
    Span<T> State { get; }

    /// <summary>The named tensors <see cref="State"/> is made of.</summary>
    IReadOnlyList<ParameterTensor> StateTensors { get; }

    /// <summary>
    /// Training mode (dropout active) or inference mode. <see langword="true"/> after construction,
    /// as in PyTorch. <c>Predict</c> always runs in inference mode.
    /// </summary>
    bool IsTraining { get; set; }

    /// <summary>
    /// The model's random number generator: it drew the initial weights from the constructor's seed
    /// and draws every dropout mask since. Read it to save where the sequence stands and set it to
    /// resume there (<see cref="Checkpoints.TrainingCheckpoint"/> does both), so a resumed run draws
    /// the masks an uninterrupted one would.
    /// </summary>
    Rng Random { get; set; }

    /// <summary>
    /// Runs the network on <c>inputs.Length / InputLength</c> samples and returns their outputs
    /// (before the loss's link function). The returned span is the model's own buffer: valid until
    /// the next call.
    /// </summary>
    ReadOnlySpan<T> Forward(ReadOnlySpan<T> inputs);

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> (the gradient of some loss with respect to
    /// the outputs of the latest <see cref="Forward"/>) and adds the parameter gradients into
    /// <see cref="Gradients"/>.
    /// </summary>
    void Backward(ReadOnlySpan<T> outputGradient);

    /// <summary>Sets every value of <see cref="Gradients"/> to zero.</summary>
    void ZeroGradients();

    /// <summary>
    /// Inference: runs the network in inference mode and writes the outputs with the loss's link
    /// function applied (softmax probabilities, sigmoid probabilities, or the raw values).
    /// </summary>
    void Predict(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>A table of every layer: output shape, parameter count and bytes.</summary>
    string Summary();
}

/// <summary>A model with a loss: it can compute the loss and train.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TTarget">
/// What the loss compares outputs against: <see cref="int"/> class labels for softmax
/// cross-entropy, <typeparamref name="T"/> values for the other losses.
/// </typeparam>
public interface ITrainable<T, TTarget> : IModel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    /// <summary>The number of target values per sample (1 for class labels).</summary>
    int TargetLength { get; }

    /// <summary>
    /// One training step without the optimizer: clears the gradients, runs Forward, computes the
    /// loss against <paramref name="targets"/>, runs Backward; returns the mean loss. Allocates
    /// nothing. Call an optimizer's <c>Step</c> afterwards.
    /// </summary>
    T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<TTarget> targets);

    /// <summary>
    /// The mean loss of the latest <see cref="IModel{T}.Forward"/> against <paramref name="targets"/>;
    /// also stores the output gradient that <see cref="Backward()"/> propagates.
    /// </summary>
    /// <remarks>
    /// Not named <c>Loss</c>: a member of that name would hide the <c>Loss</c> enum inside the
    /// model's own <c>[Loss(Loss.SoftmaxCrossEntropy)]</c> attribute.
    /// </remarks>
    T ComputeLoss(ReadOnlySpan<TTarget> targets);

    /// <summary>Back-propagates the output gradient stored by the latest <see cref="ComputeLoss"/>.</summary>
    void Backward();
}
