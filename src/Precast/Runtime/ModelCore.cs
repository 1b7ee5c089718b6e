using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Runtime;

/// <summary>
/// The part of every generated model that does not depend on its layers: the buffers (parameters,
/// gradients, non-trainable state, workspace), the argument checks, and the call protocol that
/// says which call may follow which. A generated model holds one and forwards its public members
/// to it; the model itself contributes its two passes (<see cref="IModelPasses{T}"/>).
/// </summary>
/// <remarks>
/// The protocol: <c>Forward</c> keeps a copy of its inputs, so <c>ComputeLoss</c> and <c>Backward</c>
/// can follow it; <c>Backward()</c> needs <c>ComputeLoss</c> first. A pass reuses workspace memory
/// that the forward pass no longer needs (the generator's memory plan), so each forward pass can be
/// back-propagated once: a second <c>Backward</c> throws, as PyTorch does without retain_graph.
/// <c>TrainStep</c>, <c>Predict</c> and <c>PredictClasses</c> read their inputs in place and keep
/// nothing to back-propagate. Every misuse throws with a message that says what to call first.
/// Nothing allocates after the constructor.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public class ModelCore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IModelPasses<T> _passes;
    private readonly T[] _input;
    private readonly T[] _inputGradient;
    private int _batch;
    private bool _trained;
    private int _inputGradientBatch;

    /// <summary>Allocates every buffer for batches of up to <paramref name="maxBatch"/> samples.</summary>
    /// <param name="passes">The model's passes.</param>
    /// <param name="layout">The model's sizes and tensors.</param>
    /// <param name="maxBatch">The largest batch one call accepts.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatch"/> is less than 1 or too large for the buffers.</exception>
    public ModelCore(IModelPasses<T> passes, ModelLayout layout, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(passes);
        ArgumentNullException.ThrowIfNull(layout);
        Guard.MaxBatch(maxBatch, layout.LargestSampleLength, layout.Name);
        if (layout.WorkspacePerSample * maxBatch > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch,
                $"{layout.Name}: maxBatch {maxBatch} needs a workspace of {layout.WorkspacePerSample * maxBatch} values, more than an array can hold; " +
                $"use at most {Array.MaxLength / layout.WorkspacePerSample}.");
        }
        _passes = passes;
        Layout = layout;
        MaxBatch = maxBatch;
        ParameterArray = new T[layout.ParameterCount];
        GradientArray = new T[layout.ParameterCount];
        StateArray = new T[layout.StateCount];
        WorkspaceArray = new T[layout.WorkspacePerSample * maxBatch];
        ScratchArray = new T[layout.ScratchValues];
        _input = new T[layout.InputSize * maxBatch];
        Calls = new CallNames(layout.Name);
        _inputGradient = layout.HasInputGradientBuffer ? new T[layout.InputSize * maxBatch] : [];
    }

    /// <summary>The model's sizes and tensors.</summary>
    public ModelLayout Layout { get; }

    /// <summary>"Model.Method" for each method, made once: a message must not cost an allocation on every call.</summary>
    private protected CallNames Calls { get; }

    /// <summary>The largest number of samples one call accepts; fixed at construction.</summary>
    public int MaxBatch { get; }

    /// <summary>Every trainable value; the generated code reads its parameter views from it.</summary>
    public T[] ParameterArray { get; }

    /// <summary>The gradient of the loss with respect to each parameter, same layout.</summary>
    public T[] GradientArray { get; }

    /// <summary>Every non-trainable value (running statistics): saved in checkpoints, never touched by optimizers.</summary>
    public T[] StateArray { get; }

    /// <summary>The workspace of the passes: activations, their gradients and layer buffers, as the memory plan lays them out.</summary>
    public T[] WorkspaceArray { get; }

    /// <summary>The fixed-size layer buffers of the passes (im2col columns, batch statistics), as the memory plan lays them out.</summary>
    public T[] ScratchArray { get; }

    /// <summary>The gradient with respect to the input, batch × InputSize, written by the backward pass when the model keeps it.</summary>
    public T[] InputGradientArray => _inputGradient;

    /// <summary>Training mode (dropout active) for Forward; true after construction.</summary>
    public bool IsTraining { get; set; } = true;

    /// <summary>The gradient of the loss with respect to the inputs of the latest backward pass, [batch, InputSize].</summary>
    public ReadOnlySpan<T> InputGradient => new(_inputGradient, 0, _inputGradientBatch * Layout.InputSize);

    /// <summary>Sets every gradient to zero. Backward adds into the gradients, so call this between optimizer steps (TrainStep does).</summary>
    public void ZeroGradients() => Array.Clear(GradientArray);

    /// <summary>What the latest call left behind: nothing, a forward pass, its loss, or a spent backward pass.</summary>
    private protected Phase State { get; set; }

    /// <summary>The batch of the latest Forward.</summary>
    private protected int Batch => _batch;

    /// <summary>Whether the latest Forward ran in training mode, which its backward pass must match.</summary>
    private protected bool LastForwardTrained => _trained;

    /// <summary>The copy of the latest Forward's inputs.</summary>
    private protected ReadOnlySpan<T> InputCopy() => new(_input, 0, _batch * Layout.InputSize);

    /// <summary>Runs the network on a copy of <paramref name="inputs"/> and returns the outputs, [batch, OutputSize].</summary>
    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> inputs)
    {
        int batch = BatchOf(inputs, Calls.Forward);
        Span<T> input = new(_input, 0, inputs.Length);
        inputs.CopyTo(input);
        bool training = IsTraining;
        _passes.RunForward(input, batch, training);
        _batch = batch;
        _trained = training;
        State = Phase.Forwarded;
        return Output(input, batch);
    }

    /// <summary>Back-propagates <paramref name="outputGradient"/> through the latest Forward, adding into the gradients.</summary>
    public void Backward(ReadOnlySpan<T> outputGradient)
    {
        RequireBackPropagatable(Calls.Backward);
        Guard.Length(outputGradient.Length, _batch, Layout.OutputSize, Calls.Backward, "outputGradient");
        outputGradient.CopyTo(OutputGradient(_batch));
        RunBackward(InputCopy(), _batch, _trained);
    }

    /// <summary>Inference: runs the network in inference mode and writes the outputs, with the loss's link applied, into <paramref name="outputs"/>.</summary>
    public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        int batch = BatchOf(inputs, Calls.Predict);
        Guard.Length(outputs.Length, batch, Layout.OutputSize, Calls.Predict, "outputs");
        State = Phase.None;
        _passes.RunForward(inputs, batch, training: false);
        Output(inputs, batch).CopyTo(outputs);
        ApplyLink(outputs, batch);
    }

    /// <summary>Inference: the index of the largest output of each sample, written into <paramref name="classes"/>.</summary>
    public void PredictClasses(ReadOnlySpan<T> inputs, Span<int> classes)
    {
        int batch = BatchOf(inputs, Calls.PredictClasses);
        Guard.Length(classes.Length, batch, 1, Calls.PredictClasses, "classes");
        State = Phase.None;
        _passes.RunForward(inputs, batch, training: false);
        ReadOnlySpan<T> scores = Output(inputs, batch);
        int classCount = Layout.OutputSize;
        for (int n = 0; n < batch; n++)
            classes[n] = TensorPrimitives.IndexOfMax(scores.Slice(n * classCount, classCount));
    }

    /// <summary>Inference on one sample: the index of its largest output.</summary>
    public int PredictClass(ReadOnlySpan<T> input)
    {
        Guard.Length(input.Length, 1, Layout.InputSize, Calls.PredictClass, "input");
        Span<int> classes = stackalloc int[1];
        PredictClasses(input, classes);
        return classes[0];
    }

    /// <summary>Applies the loss's link function (softmax, sigmoid) to raw outputs in place; a model without a loss has none.</summary>
    private protected virtual void ApplyLink(Span<T> outputs, int batch)
    {
    }

    /// <summary>The outputs of the latest pass over <paramref name="batch"/> samples of <paramref name="input"/>.</summary>
    private protected ReadOnlySpan<T> Output(ReadOnlySpan<T> input, int batch) =>
        Layout.OutputOffset < 0
            ? input.Slice(0, batch * Layout.OutputSize)
            : new ReadOnlySpan<T>(WorkspaceArray, Layout.OutputOffset * batch, Layout.OutputSize * batch);

    /// <summary>Where the backward pass reads the gradient of the output.</summary>
    private protected Span<T> OutputGradient(int batch) =>
        Layout.OutputGradientOffset < 0
            ? new Span<T>(_inputGradient, 0, batch * Layout.InputSize)
            : new Span<T>(WorkspaceArray, Layout.OutputGradientOffset * batch, Layout.OutputSize * batch);

    /// <summary>Runs the backward pass and marks the forward pass as spent.</summary>
    private protected void RunBackward(ReadOnlySpan<T> input, int batch, bool training)
    {
        State = Phase.Spent;
        _passes.RunBackward(input, batch, training);
        _inputGradientBatch = batch;
    }

    /// <summary>Runs one pass in training mode over <paramref name="inputs"/> read in place, keeping nothing for a later Backward.</summary>
    private protected void RunForwardInPlace(ReadOnlySpan<T> inputs, int batch)
    {
        State = Phase.None;
        _passes.RunForward(inputs, batch, training: true);
    }

    /// <summary>The batch size <paramref name="inputs"/> holds, after checking it.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="call">The method, as <c>Model.Method</c>.</param>
    private protected int BatchOf(ReadOnlySpan<T> inputs, string call) =>
        Guard.Batch(inputs.Length, Layout.InputSize, MaxBatch, call, "inputs", Layout.InputShapeText);

    /// <summary>Checks that the latest call was a Forward (with or without its loss) not yet back-propagated.</summary>
    private protected void RequireBackPropagatable(string call)
    {
        if (State is not (Phase.Forwarded or Phase.LossComputed))
            throw new InvalidOperationException(call + ": " + NothingToBackPropagate());
    }

    /// <summary>Why there is no forward pass to back-propagate, and what to call.</summary>
    private protected string NothingToBackPropagate() => State switch
    {
        Phase.Spent => "the latest Forward has already been back-propagated, and the backward pass reused the memory it needed; " +
            "call Forward again (and ComputeLoss) before another Backward.",
        _ => "there is no forward pass to back-propagate; call Forward first (TrainStep and Predict keep nothing to back-propagate).",
    };

    /// <summary>What the latest call left behind.</summary>
    private protected enum Phase
    {
        /// <summary>Nothing to compute a loss of or back-propagate.</summary>
        None,

        /// <summary>Forward ran: its inputs and outputs are kept.</summary>
        Forwarded,

        /// <summary>ComputeLoss stored the output gradient of that Forward.</summary>
        LossComputed,

        /// <summary>That Forward has been back-propagated; its outputs are still valid, its other activations not.</summary>
        Spent,
    }

    /// <summary>The name of each public method as messages give it: <c>FashionMlp.TrainStep</c>.</summary>
    /// <param name="model">The model's name.</param>
    private protected sealed class CallNames(string model)
    {
        public string Forward { get; } = model + ".Forward";

        public string Backward { get; } = model + ".Backward";

        public string ComputeLoss { get; } = model + ".ComputeLoss";

        public string TrainStep { get; } = model + ".TrainStep";

        public string Predict { get; } = model + ".Predict";

        public string PredictClasses { get; } = model + ".PredictClasses";

        public string PredictClass { get; } = model + ".PredictClass";
    }
}
