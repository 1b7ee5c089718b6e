using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// Writes what the model holds: its size constants, one flat buffer for all parameters and one
/// for their gradients with a named view per tensor, a buffer per activation and per activation
/// gradient, and the constructor that allocates all of it once and initializes the weights.
/// </summary>
internal static class StorageEmitter
{
    public static void Emit(CodeWriter w, ModelPlan plan)
    {
        WriteSizes(w, plan);
        WriteFields(w, plan);
        WriteConstructor(w, plan);
        WriteParameterViews(w, plan);
    }

    /// <summary>The tensors that own a buffer: every layer output that is not a view of its input.</summary>
    public static IEnumerable<LayerPlan> BufferedOutputs(ModelPlan plan) => plan.Layers.Where(l => !l.Spec.IsView);

    private static void WriteSizes(CodeWriter w, ModelPlan plan)
    {
        w.Summary($"Values in one input sample, shape {plan.InputShape}.");
        w.Line($"public const int InputSize = {plan.InputLength};");
        w.Line();
        w.Summary($"Values in one output sample, shape {plan.Output.Shape}.");
        w.Line($"public const int OutputSize = {plan.OutputLength};");
        w.Line();
        w.Summary("Trainable values: the length of <see cref=\"Parameters\"/> and <see cref=\"Gradients\"/>.");
        w.Line($"public const int ParameterCount = {plan.ParameterCount};");
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
        w.Line("// Values held per sample of maxBatch: the input copy, every activation and its gradient, and layer buffers.");
        // A long: every buffer fits an array, but together they may hold more than an int counts.
        w.Line($"private const long BufferValuesPerSample = {BufferValuesPerSample(plan)};");
        w.Line();
    }

    /// <summary>Whether anything draws random numbers: weight initialization or dropout.</summary>
    private static bool UsesRng(ModelPlan plan) => plan.Parameters.Count > 0 || PassEmitter.TracksTrainingMode(plan);

    /// <summary>A buffer sized by maxBatch: its field, the values it holds per sample, and what it is for.</summary>
    private readonly record struct BatchBuffer(string Field, int PerSample, string Description);

    /// <summary>
    /// Every buffer sized by maxBatch, in one list that the field declarations, the constructor's
    /// allocations and BufferValuesPerSample all read, so they cannot disagree.
    /// </summary>
    private static IEnumerable<BatchBuffer> BatchBuffers(ModelPlan plan)
    {
        yield return new BatchBuffer("_input", plan.InputLength, "a copy of Forward's inputs, read again by Backward");
        if (plan.HasInputGradientBuffer)
            yield return new BatchBuffer("_dInput", plan.InputLength, "the gradient of the loss with respect to the input");
        foreach (LayerPlan layer in BufferedOutputs(plan))
        {
            int length = layer.Output.Shape.Length;
            yield return new BatchBuffer(TensorNames.Field(layer.Output), length, $"output of {layer.Spec.Display}");
            yield return new BatchBuffer(TensorNames.GradientField(layer.Output), length, "gradient of the loss with respect to it");
            foreach (BufferSpec buffer in layer.Spec.GetBuffers(layer.Output.Shape))
                yield return new BatchBuffer(MemberNames.LayerBuffer(layer.Spec.Name, buffer.Suffix), buffer.Length, buffer.Description);
        }
    }

    private static long BufferValuesPerSample(ModelPlan plan) => BatchBuffers(plan).Sum(b => (long)b.PerSample);

    private static void WriteFields(CodeWriter w, ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        w.Line("private readonly int _maxBatch;");
        w.Line($"private readonly {t}[] _parameters = new {t}[ParameterCount];");
        w.Line($"private readonly {t}[] _gradients = new {t}[ParameterCount];");
        foreach (BatchBuffer buffer in BatchBuffers(plan))
            w.Line($"private readonly {t}[] {buffer.Field}; // [maxBatch, {buffer.PerSample}] {buffer.Description}");
        if (UsesRng(plan))
            w.Line("private global::Precast.Rng _rng; // draws the initial weights, then the dropout masks");
        w.Line("private int _batch; // samples in the latest Forward, or 0 when there is nothing to back-propagate");
        if (plan.Spec.InputGradient)
            w.Line("private int _inputGradientBatch; // samples in the latest backward pass, which wrote _dInput");
        if (plan.Spec.Loss is not null)
            w.Line("private bool _hasOutputGradient; // ComputeLoss has written the output gradient for that Forward");
        if (PassEmitter.TracksTrainingMode(plan))
            w.Line("private bool _training; // the mode of the latest forward pass, which its backward pass must match");
        w.Line();
    }

    private static void WriteConstructor(CodeWriter w, ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        string name = plan.Spec.ClassName;
        w.Summary(
            "Allocates every buffer the model will use for batches of up to <paramref name=\"maxBatch\"/> samples,",
            "and initializes the weights from <paramref name=\"seed\"/>. Nothing is allocated after this.");
        w.Line("/// <param name=\"maxBatch\">The largest number of samples passed to one call.</param>");
        w.Line("/// <param name=\"seed\">Seeds the weights and dropout masks: the same seed gives the same model.</param>");
        w.Open(ApiSignatures.For(plan.Spec).Constructor(plan.Spec.Declaration.EscapedName));
        w.Line($"global::Precast.Guard.MaxBatch(maxBatch, {plan.LargestSampleLength}, \"{name}\");");
        w.Line("_maxBatch = maxBatch;");
        foreach (BatchBuffer buffer in BatchBuffers(plan))
            w.Line($"{buffer.Field} = new {t}[maxBatch * {buffer.PerSample}];");
        if (UsesRng(plan))
            w.Line("_rng = new global::Precast.Rng(seed);");
        foreach (LayerPlan layer in plan.Layers.Where(l => l.Parameters.Count > 0))
            layer.Spec.EmitInitialization(new LayerEmitContext(w, plan, layer));
        w.Close();
        w.Line();
    }

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteParameterViews(CodeWriter w, ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (ParameterPlan parameter in layer.Parameters)
            {
                string range = $"Parameters[{parameter.Offset}..{parameter.Offset + parameter.Length})";
                w.Summary($"{layer.Spec.Display} {parameter.Spec.Description}; shape {parameter.Spec.Shape}, {range}.");
                w.Line($"public global::System.Span<{t}> {parameter.PropertyName} => {Spans.Slice(t, "_parameters", Count(parameter.Offset), Count(parameter.Length))};");
                w.Line();
                w.Summary($"The gradient of the loss with respect to <see cref=\"{parameter.PropertyName}\"/>, same shape.");
                w.Line($"public global::System.Span<{t}> {parameter.PropertyName}Gradient => {Spans.Slice(t, "_gradients", Count(parameter.Offset), Count(parameter.Length))};");
                w.Line();
            }
        }
        w.Line("private static readonly global::Precast.ParameterTensor[] s_parameterTensors =");
        w.Line("[");
        foreach (ParameterPlan parameter in plan.Parameters)
            w.Line($"    new(\"{parameter.CheckpointName}\", [{string.Join(", ", parameter.Spec.Shape.Dimensions)}], {parameter.Offset}),");
        w.Line("];");
        w.Line();
    }
}
