using System.Collections.Generic;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// One layer as declared by its attribute, which becomes one node of the model's graph: the
/// equatable data the pipeline carries, plus the behaviour of that layer kind — its shape rule, its
/// parameters and the code of its forward and backward steps. Each kind lives in one file
/// (DenseLayer.cs, ReluLayer.cs, ...); adding a layer means adding such a file and registering its
/// parser in <see cref="LayerCatalog"/>. Compositions (Residual, Concat, ...) are not layers but
/// expand into layers, among them the joins in this folder (SumLayer, ConcatLayer, ...).
/// </summary>
/// <param name="Name">The layer's name: given by the user or the kind and an index (Dense1).</param>
/// <param name="Location">The layer's attribute.</param>
internal abstract record LayerSpec(string Name, SourceSpan? Location) : ItemSpec(Name, Location)
{
    /// <summary>How many inputs the layer reads: 1 for ordinary layers, more for joins; 0 for any number of at least 2.</summary>
    public virtual int InputCount => 1;

    /// <summary>
    /// Checks the layer's arguments against its input shapes and returns its output shape; when
    /// something is wrong, reports it through <paramref name="context"/> and returns null.
    /// </summary>
    public virtual Shape? InferShape(IReadOnlyList<Shape> inputs, ShapeContext context) => InferShape(inputs[0], context);

    /// <summary>The shape rule of a single-input layer.</summary>
    protected virtual Shape? InferShape(Shape input, ShapeContext context) => input;

    /// <summary>The layer's trainable tensors for given shapes, in Parameters order.</summary>
    public virtual IEnumerable<ParameterSpec> GetParameters(IReadOnlyList<Shape> inputs, Shape output) => [];

    /// <summary>True when the output is the input's memory under another shape (Flatten): no code, no buffer.</summary>
    public virtual bool IsView => false;

    /// <summary>Which activations the backward step reads besides the output gradient.</summary>
    public virtual BackwardInputs BackwardReads => BackwardInputs.None;

    /// <summary>True when the layer behaves differently while training (Dropout).</summary>
    public virtual bool DependsOnTrainingMode => false;

    /// <summary>
    /// True for rectifiers (ReLU and its kin): a layer that feeds only such layers starts from He
    /// initialization, which keeps the variance of half-zeroed outputs steady; any new rectifier sets it.
    /// </summary>
    public virtual bool PrefersHeInitialization => false;

    /// <summary>The formula, for the comment above the layer's code: <c>y = x·Wᵀ + b</c>.</summary>
    public abstract string Formula { get; }

    /// <summary>Extra per-sample buffers the layer keeps from its forward to its backward step (Dropout's mask).</summary>
    public virtual IEnumerable<BufferSpec> GetBuffers(Shape output) => [];

    /// <summary>Emits the statements that initialize the layer's parameters in the constructor.</summary>
    public virtual void EmitInitialization(NodeEmitContext context)
    {
    }

    /// <summary>Emits the forward step: read <see cref="NodeEmitContext.Input(int)"/>, write <see cref="NodeEmitContext.Output"/>.</summary>
    public abstract void EmitForward(NodeEmitContext context);

    /// <summary>
    /// Emits the backward step: add the parameter gradients, and write (or, where
    /// <see cref="NodeEmitContext.Accumulates(int)"/>, add to) the gradient of each input that
    /// <see cref="NodeEmitContext.NeedsInputGradient(int)"/>.
    /// </summary>
    public abstract void EmitBackward(NodeEmitContext context);
}

/// <summary>The activations a layer's backward step reads, besides the output gradient.</summary>
[System.Flags]
internal enum BackwardInputs
{
    None = 0,
    Inputs = 1,
    Output = 2,
}

/// <summary>A trainable tensor of a layer: <c>weight</c> [128, 784].</summary>
/// <param name="Suffix">The checkpoint suffix, as PyTorch names it: weight, bias.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="Description">What it holds, for its view's documentation: "W: row o holds the weights of output o".</param>
internal sealed record ParameterSpec(string Suffix, Shape Shape, string Description);

/// <summary>An extra buffer a layer keeps from its forward to its backward step, sized per sample.</summary>
/// <param name="Suffix">Appended to the layer's local name: Mask gives dropout1Mask.</param>
/// <param name="Length">Values per sample.</param>
/// <param name="Description">What it holds, for the comment.</param>
internal sealed record BufferSpec(string Suffix, int Length, string Description);
