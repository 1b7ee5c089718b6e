using System.Globalization;
using System.Linq;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// Writes what the model holds: its size constants, its layout (named tensors, the memory plan's
/// workspace size, where the output lands) for the runtime core that owns every buffer, the
/// constructor that creates the core and initializes the weights, and a named view per parameter
/// tensor (public for the model's own layers, private for layers inside blocks).
/// </summary>
internal static class StorageEmitter
{
    public static void Emit(CodeWriter w, ModelPlan plan)
    {
        WriteSizes(w, plan);
        WriteLayout(w, plan);
        WriteFields(w, plan);
        WriteLayerMembers(w, plan);
        WriteConstructor(w, plan);
        WriteParameterViews(w, plan);
        WriteStateViews(w, plan);
    }

    /// <summary>The runtime core's type: with the loss as a type argument when the model has one.</summary>
    public static string CoreType(ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        return plan.Spec.Loss is { } loss
            ? $"global::Precast.Runtime.TrainableModelCore<{t}, {loss.TargetType(t)}, {loss.RuntimeType(t)}>"
            : $"global::Precast.Runtime.ModelCore<{t}>";
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteSizes(CodeWriter w, ModelPlan plan)
    {
        w.Summary($"Values in one input sample, shape {plan.InputShape}.");
        w.Line($"public const int InputSize = {Count(plan.InputLength)};");
        w.Line();
        w.Summary($"Values in one output sample, shape {plan.Output.Shape}.");
        w.Line($"public const int OutputSize = {Count(plan.OutputLength)};");
        w.Line();
        w.Summary("Trainable values: the length of <see cref=\"Parameters\"/> and <see cref=\"Gradients\"/>.");
        w.Line($"public const int ParameterCount = {Count(plan.ParameterCount)};");
        w.Line();
        // Arrays rather than `=> [1, 28, 28]`: unoptimized (Debug) code allocates a new array on every read of the latter.
        w.Line($"private static readonly int[] s_inputShape = [{string.Join(", ", plan.InputShape.Dimensions)}];");
        w.Line($"private static readonly int[] s_outputShape = [{string.Join(", ", plan.Output.Shape.Dimensions)}];");
        w.Line();
        w.Summary("The shape of one input sample, without the batch dimension.");
        w.Line("public static global::System.ReadOnlySpan<int> InputShape => s_inputShape;");
        w.Line();
        w.Summary("The shape of one output sample, without the batch dimension.");
        w.Line("public static global::System.ReadOnlySpan<int> OutputShape => s_outputShape;");
        w.Line();
    }

    private static void WriteLayout(CodeWriter w, ModelPlan plan)
    {
        w.Line("private static readonly global::Precast.ParameterTensor[] s_parameterTensors =");
        w.Line("[");
        foreach (ParameterPlan parameter in plan.Parameters)
            w.Line($"    new(\"{parameter.CheckpointName}\", [{string.Join(", ", parameter.Spec.Shape.Dimensions)}], {Count(parameter.Offset)}),");
        w.Line("];");
        w.Line();
        if (plan.States.Count == 0)
        {
            w.Line("private static readonly global::Precast.ParameterTensor[] s_stateTensors = [];");
        }
        else
        {
            w.Line("// The non-trainable tensors (running statistics), in the flat State buffer: checkpoints keep them, optimizers never see them.");
            w.Line("private static readonly global::Precast.ParameterTensor[] s_stateTensors =");
            w.Line("[");
            foreach (StatePlan state in plan.States)
                w.Line($"    new(\"{state.CheckpointName}\", [{string.Join(", ", state.Spec.Shape.Dimensions)}], {Count(state.Offset)}),");
            w.Line("];");
        }
        w.Line();
        w.Line("// The memory plan: every activation, activation gradient and layer buffer of a pass at an offset");
        w.Line("// chosen by lifetime, so what the backward pass no longer needs is reused (values per sample;");
        w.Line($"// one buffer per tensor would take {Literals.Count(plan.Memory.UnplannedValuesPerSample)}).");
        w.Line($"private const int WorkspaceValuesPerSample = {Count(plan.Memory.ValuesPerSample)};");
        w.Line();
        TensorPlan output = plan.Output;
        string outputOffset = plan.OutputIsInput ? "-1" : Count(output.Offset);
        string gradientOffset = plan.OutputIsInput ? "-1" : Count(output.GradientOffset);
        w.Line("private static readonly global::Precast.Runtime.ModelLayout s_layout = new(");
        w.Line($"    \"{plan.Spec.ClassName}\", s_inputShape, s_outputShape, s_parameterTensors, s_stateTensors, WorkspaceValuesPerSample,");
        string scratch = plan.Memory.ScratchValues > 0 ? $", ScratchValues: {Count(plan.Memory.ScratchValues)}" : "";
        w.Line($"    OutputOffset: {outputOffset}, OutputGradientOffset: {gradientOffset}, KeepsInputGradient: {(plan.Spec.InputGradient ? "true" : "false")}, LargestSampleLength: {Count(plan.LargestSampleLength)}{scratch});");
        w.Line();
    }

    private static void WriteFields(CodeWriter w, ModelPlan plan)
    {
        w.Line($"private readonly {CoreType(plan)} _core; // the buffers, the call protocol and the argument checks every model shares");
        // Every model has one, even without weights or dropout: IModel<T>.Random exposes it to checkpoints.
        w.Line("private global::Precast.Rng _rng; // draws the initial weights, then the dropout masks");
        w.Line();
    }

    private static void WriteConstructor(CodeWriter w, ModelPlan plan)
    {
        w.Summary(
            "Allocates every buffer the model will use for batches of up to <paramref name=\"maxBatch\"/> samples,",
            "and initializes the weights from <paramref name=\"seed\"/>. Nothing is allocated after this.");
        w.Line("/// <param name=\"maxBatch\">The largest number of samples passed to one call.</param>");
        w.Line("/// <param name=\"seed\">Seeds the weights and dropout masks: the same seed gives the same model.</param>");
        w.Open(ApiSignatures.For(plan.Spec).Constructor(plan.Spec.Declaration.EscapedName));
        string loss = plan.Spec.Loss?.RuntimeValue(plan.Spec.ElementType) is { } value ? ", " + value : "";
        w.Line($"_core = new(this, s_layout, maxBatch{loss});");
        w.Line("_rng = new global::Precast.Rng(seed);");
        foreach (NodePlan node in plan.Nodes.Where(n => n.Parameters.Count > 0))
            node.Layer.EmitInitialization(new NodeEmitContext(w, plan, node));
        foreach (StatePlan state in plan.States.Where(s => s.Spec.Initial != 0))
            w.Line($"{state.PropertyName}.Fill({Literals.Typed(state.Spec.Initial, plan.Spec.ElementType)}); // {state.CheckpointName} starts at {Literals.Readable(state.Spec.Initial)}");
        w.Close();
        w.Line();
    }

    /// <summary>The static members layers share between their passes (a convolution's geometry).</summary>
    private static void WriteLayerMembers(CodeWriter w, ModelPlan plan)
    {
        foreach (NodePlan node in plan.Nodes.Where(n => n.Layer.MemberSuffixes.Any()))
            node.Layer.EmitMembers(new NodeEmitContext(w, plan, node));
        if (plan.Nodes.Any(n => n.Layer.MemberSuffixes.Any()))
            w.Line();
    }

    private static void WriteStateViews(CodeWriter w, ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        foreach (StatePlan state in plan.States)
        {
            string view = $"new(_core.StateArray, {Count(state.Offset)}, {Count(state.Length)})";
            if (!state.IsPublic)
            {
                w.Line($"private global::System.Span<{t}> {state.PropertyName} => {view}; // {state.CheckpointName} {state.Spec.Shape}");
                continue;
            }
            NodePlan node = plan.Nodes.First(n => n.Path == state.Path);
            w.Summary($"{node.Display} {state.Spec.Description}; shape {state.Spec.Shape}, State[{Count(state.Offset)}..{Count((long)state.Offset + state.Length)}). Not trained.");
            w.Line($"public global::System.Span<{t}> {state.PropertyName} => {view};");
            w.Line();
        }
        if (plan.States.Any(s => !s.IsPublic))
            w.Line();
    }

    private static void WriteParameterViews(CodeWriter w, ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        foreach (ParameterPlan parameter in plan.Parameters)
        {
            string view = $"new(_core.ParameterArray, {Count(parameter.Offset)}, {Count(parameter.Length)})";
            string gradient = $"new(_core.GradientArray, {Count(parameter.Offset)}, {Count(parameter.Length)})";
            string range = $"Parameters[{Count(parameter.Offset)}..{Count((long)parameter.Offset + parameter.Length)})";
            if (!parameter.IsPublic)
            {
                w.Line($"private global::System.Span<{t}> {parameter.PropertyName} => {view}; // {parameter.CheckpointName} {parameter.Spec.Shape}");
                w.Line($"private global::System.Span<{t}> {parameter.PropertyName}Gradient => {gradient};");
                continue;
            }
            NodePlan node = plan.Nodes.First(n => n.Path == parameter.Path);
            w.Summary($"{node.Display} {parameter.Spec.Description}; shape {parameter.Spec.Shape}, {range}.");
            w.Line($"public global::System.Span<{t}> {parameter.PropertyName} => {view};");
            w.Line();
            w.Summary($"The gradient of the loss with respect to <see cref=\"{parameter.PropertyName}\"/>, same shape.");
            w.Line($"public global::System.Span<{t}> {parameter.PropertyName}Gradient => {gradient};");
            w.Line();
        }
        if (plan.Parameters.Any(p => !p.IsPublic))
            w.Line();
    }
}
