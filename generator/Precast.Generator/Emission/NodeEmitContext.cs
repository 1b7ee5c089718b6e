using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// What a layer's emitters may use: the writer, the element type, its shapes, and the names of the
/// span locals, parameter views and layer buffers its code reads and writes. Inside the passes the
/// batch size is <c>batch</c> and the training flag <c>training</c>.
/// </summary>
internal sealed class NodeEmitContext
{
    public NodeEmitContext(CodeWriter writer, ModelPlan model, NodePlan node)
    {
        Writer = writer;
        Model = model;
        Node = node;
    }

    public CodeWriter Writer { get; }

    public ModelPlan Model { get; }

    public NodePlan Node { get; }

    /// <summary>The element type keyword: float or double.</summary>
    public string T => Model.Spec.ElementType;

    /// <summary>How comments name the node: Dense 'Stage.0.Dense1'.</summary>
    public string Display => Node.Display;

    public int InputCount => Node.Inputs.Count;

    /// <summary>The span local holding input <paramref name="index"/>.</summary>
    public string Input(int index) => Model.Tensors[Node.Inputs[index]].Local;

    /// <summary>The span local the node writes its output into.</summary>
    public string Output => Model.Tensors[Node.Output].Local;

    public Shape InputShape(int index) => Model.Tensors[Node.Inputs[index]].Shape;

    public Shape OutputShape => Model.Tensors[Node.Output].Shape;

    public int InputLength(int index) => InputShape(index).Length;

    public int OutputLength => OutputShape.Length;

    /// <summary>
    /// The rows of input <paramref name="index"/> seen as a matrix with <paramref name="columns"/>
    /// columns: <c>batch</c>, or <c>batch * 28</c> when leading axes come along (Dense on [28, 64]).
    /// </summary>
    public string Rows(int index, int columns)
    {
        int perSample = InputLength(index) / columns;
        return perSample == 1 ? "batch" : "batch * " + perSample.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The view of one of the node's parameters: HiddenWeight.</summary>
    public string Parameter(string suffix) => Node.Parameters.First(p => p.Spec.Suffix == suffix).PropertyName;

    /// <summary>The view of one of the node's non-trainable tensors: Norm1RunningMean.</summary>
    public string State(string suffix) => Node.States.First(p => p.Spec.Suffix == suffix).PropertyName;

    /// <summary>One of the layer's static members (<see cref="Layers.LayerSpec.MemberSuffixes"/>): s_conv1Geometry.</summary>
    public string Member(string suffix) => MemberNames.LayerMember(Node.Path, suffix);

    /// <summary>The view of that parameter's gradient: HiddenWeightGradient.</summary>
    public string ParameterGradient(string suffix) => Parameter(suffix) + "Gradient";

    /// <summary>Whether the backward step computes the gradient of input <paramref name="index"/>.</summary>
    public bool NeedsInputGradient(int index) => Node.InputGradients[index].Needed;

    /// <summary>"true" when the backward step adds to the gradient of input <paramref name="index"/> (another reader wrote it first), else "false".</summary>
    public string Accumulates(int index) => Node.InputGradients[index].Accumulate ? "true" : "false";

    /// <summary>The span local holding the gradient of input <paramref name="index"/>.</summary>
    public string InputGradient(int index) => Model.Tensors[Node.Inputs[index]].GradientLocal;

    /// <summary>The span local holding the gradient of the output.</summary>
    public string OutputGradient => Model.Tensors[Node.Output].GradientLocal;

    /// <summary>The span local of one of the node's buffers: dropout1Mask.</summary>
    public string Buffer(string suffix) => Node.Buffers.First(b => b.Suffix == suffix).Local;

    /// <summary>The nodes that read the output, for comments.</summary>
    public IReadOnlyList<string> Consumers => Node.Consumers;

    /// <summary>Every reader of the output is a rectifier.</summary>
    public bool ConsumersPreferHe => Node.ConsumersPreferHe;

    /// <summary>A literal of the element type.</summary>
    public string Literal(double value) => Literals.Typed(value, T);
}
