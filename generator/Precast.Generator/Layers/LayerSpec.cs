using System.Collections.Generic;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// One layer as declared by its attribute: the equatable data the pipeline carries, plus the
/// behaviour of that layer kind — its shape rule, its parameters and its forward and backward
/// emitters. Each kind lives in one file (DenseLayer.cs, ReluLayer.cs, ...); adding a layer means
/// adding such a file and registering its parser in <see cref="LayerCatalog"/>.
/// </summary>
/// <param name="Name">The layer's name: given by the user or the kind and an index (Dense1).</param>
/// <param name="Location">The layer's attribute, where diagnostics about it go.</param>
internal abstract record LayerSpec(string Name, SourceSpan? Location)
{
    /// <summary>The layer kind as the user writes its attribute: Dense, Relu, Flatten.</summary>
    public abstract string Kind { get; }

    /// <summary>How messages and comments name the layer: <c>Dense 'Hidden'</c>.</summary>
    public string Display => $"{Kind} '{Name}'";

    /// <summary>
    /// Checks the layer's arguments against its input shape and returns its output shape; when
    /// something is wrong, reports it to <paramref name="diagnostics"/> and returns null.
    /// </summary>
    /// <param name="input">The shape the previous layer produces.</param>
    /// <param name="context">Who produces the input, the model's precision, and where diagnostics go.</param>
    public abstract Shape? InferShape(Shape input, ShapeContext context);

    /// <summary>The layer's trainable tensors for a given input shape, in Parameters order.</summary>
    public virtual IEnumerable<ParameterSpec> GetParameters(Shape input, Shape output) => [];

    /// <summary>True when the output is the input's memory under another shape (Flatten): no code, no buffer.</summary>
    public virtual bool IsView => false;

    /// <summary>Which activations Backward reads besides dy.</summary>
    public virtual BackwardInputs BackwardReads => BackwardInputs.None;

    /// <summary>True when the forward and backward methods need the batch size (not just spans already sized by it).</summary>
    public virtual bool UsesBatch => false;

    /// <summary>True when the layer behaves differently while training (Dropout).</summary>
    public virtual bool DependsOnTrainingMode => false;

    /// <summary>The formula, for the comment above the layer's code: <c>y = x·Wᵀ + b</c>.</summary>
    public abstract string Formula { get; }

    /// <summary>Extra per-sample buffers the layer owns besides its output (Dropout's mask).</summary>
    public virtual IEnumerable<BufferSpec> GetBuffers(Shape output) => [];

    /// <summary>Emits the statements that initialize the layer's parameters in the constructor.</summary>
    public virtual void EmitInitialization(LayerEmitContext context)
    {
    }

    /// <summary>Emits the body of the layer's forward method.</summary>
    public abstract void EmitForward(LayerEmitContext context);

    /// <summary>
    /// Emits the body of the layer's backward method: accumulate parameter gradients, and write dx
    /// when <see cref="LayerEmitContext.NeedsInputGradient"/>.
    /// </summary>
    public abstract void EmitBackward(LayerEmitContext context);
}

/// <summary>The activations a layer's backward pass reads, besides the output gradient.</summary>
[System.Flags]
internal enum BackwardInputs
{
    None = 0,
    Input = 1,
    Output = 2,
}

/// <summary>A trainable tensor of a layer: <c>weight</c> [128, 784].</summary>
/// <param name="Suffix">The checkpoint suffix, as PyTorch names it: weight, bias.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="Description">What it holds, for its view's documentation: "W: row o holds the weights of output o".</param>
internal sealed record ParameterSpec(string Suffix, Shape Shape, string Description);

/// <summary>An extra buffer a layer owns, sized per sample.</summary>
/// <param name="Suffix">Appended to the layer's field name: Mask gives _dropout1Mask.</param>
/// <param name="Length">Values per sample.</param>
/// <param name="Description">What it holds, for the field's comment.</param>
internal sealed record BufferSpec(string Suffix, int Length, string Description);
