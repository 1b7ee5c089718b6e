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

    /// <summary>True when the layer behaves differently while training (Dropout, BatchNorm).</summary>
    public virtual bool DependsOnTrainingMode => false;

    /// <summary>True when the layer draws from the model's random number generator (Dropout's masks).</summary>
    public virtual bool DrawsRandomNumbers => false;

    /// <summary>
    /// True for rectifiers (ReLU and its kin): a layer that feeds only such layers starts from He
    /// initialization, which keeps the variance of half-zeroed outputs steady; any new rectifier sets it.
    /// </summary>
    public virtual bool PrefersHeInitialization => false;

    /// <summary>The formula, for the comment above the layer's code: <c>y = x·Wᵀ + b</c>.</summary>
    public abstract string Formula { get; }

    /// <summary>
    /// The layer's buffers: kept from its forward to its backward step (Dropout's mask, BatchNorm's
    /// batch statistics), or scratch for one step (a convolution's im2col columns). The memory plan
    /// places them with everything else.
    /// </summary>
    public virtual IEnumerable<BufferSpec> GetBuffers(IReadOnlyList<Shape> inputs, Shape output) => [];

    /// <summary>The layer's non-trainable tensors (BatchNorm's running statistics): saved in checkpoints, never touched by optimizers.</summary>
    public virtual IEnumerable<StateSpec> GetState(IReadOnlyList<Shape> inputs, Shape output) => [];

    /// <summary>Multiplications per sample in the forward step, for the summary (a convolution's cost at a glance).</summary>
    public virtual long Multiplies(IReadOnlyList<Shape> inputs, Shape output) => 0;

    /// <summary>The suffixes of the static members <see cref="EmitMembers"/> declares (Geometry gives s_conv1Geometry).</summary>
    public virtual IEnumerable<string> MemberSuffixes => [];

    /// <summary>Emits the layer's static members, named by <see cref="NodeEmitContext.Member"/>: constants its code shares between the passes.</summary>
    public virtual void EmitMembers(NodeEmitContext context)
    {
    }

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

/// <summary>A buffer a layer uses besides its input and output.</summary>
/// <param name="Suffix">Appended to the layer's local name: Mask gives dropout1Mask.</param>
/// <param name="Length">Values per sample, or in all when <paramref name="PerSample"/> is false.</param>
/// <param name="Description">What it holds, for the comment.</param>
/// <param name="Lifetime">When it holds something: from the forward to the backward step, or during one step.</param>
/// <param name="PerSample">Whether it grows with the batch (a mask) or has one size (per-channel statistics).</param>
internal sealed record BufferSpec(string Suffix, int Length, string Description, BufferLifetime Lifetime = BufferLifetime.Kept, bool PerSample = true);

/// <summary>When a layer buffer holds something the code still needs.</summary>
internal enum BufferLifetime
{
    /// <summary>Written by the forward step, read by the backward step.</summary>
    Kept,

    /// <summary>Scratch for the forward step alone.</summary>
    Forward,

    /// <summary>Scratch for the backward step alone.</summary>
    Backward,
}

/// <summary>A non-trainable tensor of a layer: <c>running_mean</c> [16].</summary>
/// <param name="Suffix">The checkpoint suffix, as PyTorch names it: running_mean, running_var, num_batches_tracked.</param>
/// <param name="Shape">Its shape ([] for a scalar).</param>
/// <param name="Initial">The value every element starts from.</param>
/// <param name="Description">What it holds, for its view's documentation.</param>
internal sealed record StateSpec(string Suffix, Shape Shape, double Initial, string Description);
