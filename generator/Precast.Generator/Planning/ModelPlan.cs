using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// The checked model: its graph with every tensor's shape, every parameter's place in the flat
/// buffer, which gradients flow where, and where the memory plan puts every activation, gradient and
/// layer buffer in the workspace. Shape inference makes it from a <see cref="ModelSpec"/>; the emitter
/// turns it into C#. Equatable, so an unchanged model is not emitted again.
/// </summary>
/// <param name="Spec">The model as declared.</param>
/// <param name="InputShape">The shape of one input sample.</param>
/// <param name="Nodes">Every node, in evaluation order.</param>
/// <param name="Tensors">Every tensor by id; tensor 0 is the model input.</param>
/// <param name="OutputTensor">The tensor the model outputs.</param>
/// <param name="Parameters">Every trainable tensor, in the order of the flat Parameters buffer.</param>
/// <param name="ParameterCount">The length of the Parameters buffer.</param>
/// <param name="States">Every non-trainable tensor, in the order of the flat State buffer.</param>
/// <param name="StateCount">The length of the State buffer.</param>
/// <param name="Summary">The rows of Summary()'s tree.</param>
/// <param name="Memory">The workspace's size, planned and unplanned.</param>
/// <param name="LargestSampleLength">The largest per-sample tensor, to bound maxBatch at run time.</param>
/// <param name="Diagnostics">Everything wrong or doubtful, from parsing and from planning.</param>
/// <param name="SurfaceIsFree">No user member, inherited member or class name clashes with the members every model has.</param>
internal sealed record ModelPlan(
    ModelSpec Spec,
    Shape InputShape,
    EquatableArray<NodePlan> Nodes,
    EquatableArray<TensorPlan> Tensors,
    int OutputTensor,
    EquatableArray<ParameterPlan> Parameters,
    int ParameterCount,
    EquatableArray<StatePlan> States,
    int StateCount,
    EquatableArray<SummaryRow> Summary,
    MemoryPlan Memory,
    int LargestSampleLength,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool SurfaceIsFree)
{
    /// <summary>True when the model can be emitted: no errors, and the compiler bound every attribute.</summary>
    public bool CanEmit
    {
        get
        {
            if (Spec.HasBindingErrors || Nodes.Count == 0)
                return false;
            foreach (DiagnosticInfo diagnostic in Diagnostics)
            {
                if (diagnostic.IsError)
                    return false;
            }
            return true;
        }
    }

    /// <summary>
    /// True when, the model having errors, its public surface can still be emitted with members
    /// that throw: the declaration takes a generated half, and nothing the user declared or inherited
    /// clashes with that surface.
    /// </summary>
    public bool CanEmitSurface => Spec.Declaration.IsExtensible && SurfaceIsFree;

    public TensorPlan Output => Tensors[OutputTensor];

    public int InputLength => InputShape.Length;

    public int OutputLength => Output.Shape.Length;

    /// <summary>Whether the output is the input itself (a model of views only, such as a lone Flatten).</summary>
    public bool OutputIsInput => Output.Offset < 0;
}

/// <summary>One node of the graph, checked and placed.</summary>
/// <param name="Index">Its position in evaluation order.</param>
/// <param name="Layer">The layer (or join) it applies.</param>
/// <param name="Path">Its hierarchical name: <c>Stage.0.Dense1</c>.</param>
/// <param name="Inputs">The tensors it reads.</param>
/// <param name="Output">The tensor it writes (for a view, the same memory as its input).</param>
/// <param name="Parameters">Its trainable tensors.</param>
/// <param name="States">Its non-trainable tensors (BatchNorm's running statistics).</param>
/// <param name="Buffers">Its buffers: kept from forward to backward (Dropout's mask) or scratch for one step (im2col columns).</param>
/// <param name="InputGradients">For each input, whether its gradient is computed and whether it is added to what other consumers wrote.</param>
/// <param name="HasBackward">Whether the backward pass has work for it: parameter gradients or an input gradient.</param>
/// <param name="Consumers">The nodes that read its output, for comments.</param>
/// <param name="ConsumersPreferHe">Every consumer is a rectifier: initialize for it.</param>
/// <param name="Opens">Comments for the blocks and compositions that start with this node.</param>
/// <param name="UseSite">Where its problems are reported.</param>
internal sealed record NodePlan(
    int Index,
    LayerSpec Layer,
    string Path,
    EquatableArray<int> Inputs,
    int Output,
    EquatableArray<ParameterPlan> Parameters,
    EquatableArray<StatePlan> States,
    EquatableArray<BufferPlan> Buffers,
    EquatableArray<GradientFlow> InputGradients,
    bool HasBackward,
    EquatableArray<string> Consumers,
    bool ConsumersPreferHe,
    EquatableArray<string> Opens,
    SourceSpan? UseSite)
{
    /// <summary>How comments name the node: <c>Dense 'Stage.0.Dense1'</c>.</summary>
    public string Display => $"{Layer.Kind} '{Path}'";
}

/// <summary>What the backward step does for one input.</summary>
/// <param name="Needed">Some parameter (or the model input, with InputGradient) lies upstream, so the gradient is computed.</param>
/// <param name="Accumulate">Another consumer of the same tensor wrote its gradient first (in backward order), so this one adds to it.</param>
internal sealed record GradientFlow(bool Needed, bool Accumulate);

/// <summary>A tensor: its shape and where it and its gradient live.</summary>
/// <param name="Id">Its index.</param>
/// <param name="Shape">Its per-sample shape.</param>
/// <param name="Producer">The node that writes it, or -1 for the model input.</param>
/// <param name="Local">The span local that holds it in the passes (a view shares its source's).</param>
/// <param name="GradientLocal">The span local that holds its gradient.</param>
/// <param name="Offset">Its place in the workspace, in values per sample; -1 for the model input and views of it.</param>
/// <param name="GradientOffset">Its gradient's place in the workspace; -1 when it has none, or it is the input gradient.</param>
/// <param name="HasGradient">Whether its gradient exists.</param>
internal sealed record TensorPlan(int Id, Shape Shape, int Producer, string Local, string GradientLocal, int Offset, int GradientOffset, bool HasGradient)
{
    public int Length => Shape.Length;
}

/// <summary>A layer buffer placed in the workspace (per-sample buffers) or the scratch (fixed-size ones).</summary>
/// <param name="Suffix">The layer's name for it: Mask.</param>
/// <param name="Local">Its span local: dropout1Mask.</param>
/// <param name="Offset">Its place: in values per sample in the workspace, or in values in the scratch.</param>
/// <param name="Length">Values per sample, or in all for a fixed-size buffer.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Lifetime">When it holds something: which pass declares it.</param>
/// <param name="PerSample">Whether it grows with the batch (in the workspace) or not (in the scratch).</param>
internal sealed record BufferPlan(string Suffix, string Local, int Offset, int Length, string Description, BufferLifetime Lifetime, bool PerSample);

/// <summary>A non-trainable tensor at its place in the flat State buffer.</summary>
/// <param name="Path">The layer it belongs to: Norm1, Stage.0.Norm1.</param>
/// <param name="Spec">Its suffix, shape and initial value.</param>
/// <param name="Offset">Its first index in State.</param>
/// <param name="PropertyName">Its view property: Norm1RunningMean.</param>
/// <param name="IsPublic">A layer of the model's own list gets a public view; one inside a block a private one.</param>
internal sealed record StatePlan(string Path, StateSpec Spec, int Offset, string PropertyName, bool IsPublic)
{
    public int Length => Spec.Shape.Length;

    /// <summary>The checkpoint tensor name, as PyTorch's state_dict would have it: Norm1.running_mean.</summary>
    public string CheckpointName => Path + "." + Spec.Suffix;
}

/// <summary>A trainable tensor at its place in the flat Parameters buffer.</summary>
/// <param name="Path">The layer it belongs to: Hidden, Stage.0.Dense1.</param>
/// <param name="Spec">Its suffix and shape.</param>
/// <param name="Offset">Its first index in Parameters and Gradients.</param>
/// <param name="PropertyName">Its view property: HiddenWeight, Stage_0_Dense1Weight.</param>
/// <param name="IsPublic">A layer of the model's own list gets a public view; one inside a block a private one.</param>
internal sealed record ParameterPlan(string Path, ParameterSpec Spec, int Offset, string PropertyName, bool IsPublic)
{
    public int Length => Spec.Shape.Length;

    /// <summary>The checkpoint tensor name, as PyTorch's state_dict would have it: Stage.0.Dense1.weight.</summary>
    public string CheckpointName => Path + "." + Spec.Suffix;
}

/// <summary>A row of Summary()'s tree.</summary>
/// <param name="Depth">Its indentation.</param>
/// <param name="Name">Its local name.</param>
/// <param name="Kind">Layer kind, composition, or block class.</param>
/// <param name="Output">Its output shape.</param>
/// <param name="Parameters">The trainable values it holds, its children's included.</param>
/// <param name="Multiplies">Multiplications per sample in its forward step, its children's included.</param>
internal sealed record SummaryRow(int Depth, string Name, string Kind, Shape Output, long Parameters, long Multiplies);

/// <summary>The workspace and scratch the memory plan lays out.</summary>
/// <param name="ValuesPerSample">The workspace's size in values per sample.</param>
/// <param name="UnplannedValuesPerSample">What one buffer per tensor, gradient and layer buffer would take instead.</param>
/// <param name="ScratchValues">The scratch's size: the fixed-size layer buffers (im2col columns, batch statistics), whatever the batch.</param>
internal sealed record MemoryPlan(int ValuesPerSample, long UnplannedValuesPerSample, int ScratchValues);
