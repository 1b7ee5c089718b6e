using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// The checked model: every tensor's shape, every parameter's offset in the flat buffer, and what
/// each layer's backward pass must produce. Shape inference makes it from a <see cref="ModelSpec"/>;
/// the emitter turns it into C#. Equatable, so an unchanged model is not emitted again.
/// </summary>
/// <param name="Spec">The model as declared.</param>
/// <param name="InputShape">The shape of one input sample.</param>
/// <param name="Output">The tensor the last layer produces.</param>
/// <param name="Layers">Every layer with its tensors and parameters, in forward order.</param>
/// <param name="Parameters">Every trainable tensor, in the order of the flat Parameters buffer.</param>
/// <param name="ParameterCount">The length of the Parameters buffer.</param>
/// <param name="LargestSampleLength">The largest per-sample tensor, to bound maxBatch at run time.</param>
/// <param name="Diagnostics">Everything wrong or doubtful, from parsing and from shape inference.</param>
/// <param name="SurfaceIsFree">No user member, inherited member or class name clashes with the members every model has.</param>
internal sealed record ModelPlan(
    ModelSpec Spec,
    Shape InputShape,
    TensorPlan Output,
    EquatableArray<LayerPlan> Layers,
    EquatableArray<ParameterPlan> Parameters,
    int ParameterCount,
    int LargestSampleLength,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool SurfaceIsFree)
{
    /// <summary>True when the model can be emitted: no errors, and the compiler bound every attribute.</summary>
    public bool CanEmit
    {
        get
        {
            if (Spec.HasBindingErrors)
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

    public int InputLength => InputShape.Length;

    /// <summary>
    /// Whether the model keeps a gradient buffer for its input: when asked to, and when the output
    /// is the input itself (a model of views only), since the loss writes the output gradient.
    /// </summary>
    public bool HasInputGradientBuffer => Spec.InputGradient || Output.IsModelInput;

    public int OutputLength => Output.Shape.Length;
}

/// <summary>A tensor between layers.</summary>
/// <param name="Shape">Its per-sample shape.</param>
/// <param name="Storage">The layer whose output buffer holds it, or null for the model input. Views share their input's storage.</param>
internal sealed record TensorPlan(Shape Shape, string? Storage)
{
    public bool IsModelInput => Storage is null;
}

/// <summary>One layer placed in the model.</summary>
/// <param name="Spec">The layer as declared.</param>
/// <param name="Index">Its position, from 1 (0 is the input in tables).</param>
/// <param name="Input">The tensor it reads.</param>
/// <param name="Output">The tensor it writes (its input's storage for a view).</param>
/// <param name="Parameters">Its trainable tensors.</param>
/// <param name="NeedsInputGradient">
/// Whether Backward must compute dx: only when a layer before it has parameters or the model
/// exposes its input gradient. The first Dense layer of a plain model skips the largest product.
/// </param>
/// <param name="Next">The layer after it, or null (Dense picks its initializer from it).</param>
internal sealed record LayerPlan(
    LayerSpec Spec,
    int Index,
    TensorPlan Input,
    TensorPlan Output,
    EquatableArray<ParameterPlan> Parameters,
    bool NeedsInputGradient,
    LayerSpec? Next)
{
    /// <summary>Whether the layer's Backward has any work: parameter gradients or dx.</summary>
    public bool HasBackward => !Spec.IsView && (Parameters.Count > 0 || NeedsInputGradient);
}

/// <summary>A trainable tensor at its place in the flat Parameters buffer.</summary>
/// <param name="LayerName">The layer it belongs to.</param>
/// <param name="Spec">Its suffix and shape.</param>
/// <param name="Offset">Its first index in Parameters and Gradients.</param>
internal sealed record ParameterPlan(string LayerName, ParameterSpec Spec, int Offset)
{
    public int Length => Spec.Shape.Length;

    /// <summary>The view property: HiddenWeight.</summary>
    public string PropertyName => MemberNames.ParameterView(LayerName, Spec.Suffix);

    /// <summary>The checkpoint tensor name, as PyTorch's state_dict would have it: Hidden.weight.</summary>
    public string CheckpointName => LayerName + "." + Spec.Suffix;
}
