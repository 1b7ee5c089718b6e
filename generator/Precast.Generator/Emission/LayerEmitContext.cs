using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// What a layer's emitters may use: the writer, the element type, its sizes and the names of its
/// parameters and buffers. Inside a layer method the spans are always named x, y, dx, dy and the
/// batch size batch.
/// </summary>
internal sealed class LayerEmitContext
{
    public LayerEmitContext(CodeWriter writer, ModelPlan model, LayerPlan layer)
    {
        Writer = writer;
        Model = model;
        Layer = layer;
    }

    public CodeWriter Writer { get; }

    public ModelPlan Model { get; }

    public LayerPlan Layer { get; }

    /// <summary>The element type keyword: float or double.</summary>
    public string T => Model.Spec.ElementType;

    public int InputLength => Layer.Input.Shape.Length;

    public int OutputLength => Layer.Output.Shape.Length;

    public LayerSpec? NextLayer => Layer.Next;

    public bool NeedsInputGradient => Layer.NeedsInputGradient;

    /// <summary>A literal of the element type.</summary>
    public string Literal(double value) => Literals.Typed(value, T);

    /// <summary>The span property of one of the layer's parameters: HiddenWeight.</summary>
    public string ParameterView(string suffix) => MemberNames.ParameterView(Layer.Spec.Name, suffix);

    /// <summary>The span property of that parameter's gradient: HiddenWeightGradient.</summary>
    public string GradientView(string suffix) => MemberNames.GradientView(Layer.Spec.Name, suffix);

    /// <summary>The field of one of the layer's extra buffers: _dropout1Mask.</summary>
    public string Buffer(string suffix) => MemberNames.LayerBuffer(Layer.Spec.Name, suffix);
}
