using Precast.Generator.Losses;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// Writes the model's public surface: Forward, Backward, Loss, TrainStep, Predict and the members
/// of IModel/ITrainable. Each checks its arguments with Precast.Guard (messages name the model,
/// the method and the argument), then calls RunForward/RunBackward.
/// </summary>
internal static class ApiEmitter
{
    public static void Emit(CodeWriter w, ModelPlan plan)
    {
        var api = ApiSignatures.For(plan.Spec);
        WriteState(w, plan, api);
        WriteForward(w, plan, api);
        WriteBackward(w, plan, api);
        if (plan.Spec.Loss is { } loss)
            WriteTraining(w, plan, loss, api);
        WritePredict(w, plan, api);
        WriteSummary(w, plan, api);
        WriteInterfaceMembers(w, plan, api);
    }

    private static string Method(ModelPlan plan, string method) => $"\"{plan.Spec.ClassName}.{method}\"";

    // The Guard call that turns an input length into a batch size, or throws naming what is wrong.
    // Argument names are string literals, not nameof: a user's method named nameof would capture it.
    private static string BatchOf(ModelPlan plan, string method, string argument) =>
        $"int batch = global::Precast.Guard.Batch({argument}.Length, InputSize, _maxBatch, {Method(plan, method)}, \"{argument}\", \"{plan.InputShape}\");";

    private static string OutputSpan(ModelPlan plan, string inputExpression) =>
        plan.Output.IsModelInput ? inputExpression : Spans.Slice(plan.Spec.ElementType, TensorNames.Field(plan.Output), "0", "batch * OutputSize");

    private static void WriteState(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        w.Summary("The largest number of samples one call accepts; fixed at construction.");
        w.Line($"{api.MaxBatch} => _maxBatch;");
        w.Line();
        w.Summary("Every trainable value in one flat buffer, in the order of <see cref=\"ParameterTensors\"/>. Optimizers update it in place.");
        w.Line($"{api.Parameters} => _parameters;");
        w.Line();
        w.Summary("The gradient of the loss with respect to each value of <see cref=\"Parameters\"/>; Backward adds into it.");
        w.Line($"{api.Gradients} => _gradients;");
        w.Line();
        w.Summary("The named tensors <see cref=\"Parameters\"/> is made of, as checkpoints store them.");
        w.Line($"{api.ParameterTensors} => s_parameterTensors;");
        w.Line();
        w.Summary($"Training mode (dropout active) for <see cref=\"{api.ForwardCref}\"/>; true after construction. TrainStep always trains and Predict always infers.");
        w.Line($"{api.IsTraining} {{ get; set; }} = true;");
        w.Line();
        if (plan.Spec.InputGradient)
        {
            w.Summary("The gradient of the loss with respect to the inputs of the latest backward pass (Backward or TrainStep), [batch, InputSize].");
            w.Line($"{api.InputGradient} => {Spans.Slice(api.T, "_dInput", "0", "_inputGradientBatch * InputSize")};");
            w.Line();
        }
        w.Summary("Sets every gradient to zero. Backward adds into the gradients, so call this between optimizer steps (TrainStep does).");
        w.Line($"{api.ZeroGradients} => global::System.Array.Clear(_gradients);");
        w.Line();
    }

    private static void WriteForward(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        string t = plan.Spec.ElementType;
        w.Summary(
            $"Runs the network on <c>inputs.Length / {plan.InputLength}</c> samples of shape {plan.InputShape} in the mode <see cref=\"IsTraining\"/> sets,",
            $"and returns their outputs, [batch, {plan.OutputLength}]. The span is this model's own buffer, valid until the next call.",
            "Keeps a copy of the inputs so that ComputeLoss and Backward can follow.");
        w.Open(api.Forward);
        w.Line(BatchOf(plan, "Forward", "inputs"));
        w.Line($"global::System.Span<{t}> input = {Spans.Slice(t, "_input", "0", "inputs.Length")};");
        w.Line("inputs.CopyTo(input);");
        w.Line("RunForward(input, batch, IsTraining);");
        w.Line("_batch = batch;");
        if (plan.Spec.Loss is not null)
            w.Line("_hasOutputGradient = false;");
        w.Line($"return {OutputSpan(plan, "input")};");
        w.Close();
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        w.Summary(
            "Back-propagates <paramref name=\"outputGradient\"/>, the gradient of some loss with respect to the outputs of",
            $"the latest <see cref=\"{api.ForwardCref}\"/>, [batch, OutputSize], and adds the parameter gradients into <see cref=\"Gradients\"/>.");
        w.Open(api.BackwardWithGradient);
        w.Line($"global::Precast.Guard.ForwardRan(_batch, {Method(plan, "Backward")});");
        w.Line("int batch = _batch;");
        w.Line($"global::Precast.Guard.Length(outputGradient.Length, batch, OutputSize, {Method(plan, "Backward")}, \"outputGradient\");");
        w.Line($"outputGradient.CopyTo({TensorNames.GradientField(plan.Output)});");
        w.Line($"RunBackward({Spans.Slice(plan.Spec.ElementType, "_input", "0", "batch * InputSize")}, batch);");
        w.Close();
        w.Line();
    }

    private static void WriteTraining(CodeWriter w, ModelPlan plan, LossSpec loss, ApiSignatures api)
    {
        string t = plan.Spec.ElementType;
        string target = loss.TargetType(t);
        string targets = loss.TargetName;
        int perSample = loss.TargetLength(plan.Output.Shape);
        var context = new LossEmitContext(w, t, plan.OutputLength);
        string outputs = OutputSpan(plan, "input");
        string gradient = Spans.Slice(t, TensorNames.GradientField(plan.Output), "0", "batch * OutputSize");
        string targetDoc = loss.UsesClassLabels
            ? "one class index in [0, OutputSize) per sample"
            : $"{perSample} target values per sample";

        w.Summary(
            $"The mean loss of the latest <see cref=\"{api.ForwardCref}\"/> against <paramref name=\"{targets}\"/> ({targetDoc});",
            "also stores the output gradient that <see cref=\"Backward()\"/> propagates.",
            $"Loss.{loss.Kind}: {loss.Formula}.");
        w.Open(api.ComputeLoss);
        w.Line($"global::Precast.Guard.ForwardRan(_batch, {Method(plan, "ComputeLoss")});");
        w.Line("int batch = _batch;");
        if (plan.Output.IsModelInput)
            w.Line($"global::System.Span<{t}> input = {Spans.Slice(t, "_input", "0", "batch * InputSize")};");
        w.Line($"global::Precast.Guard.Length({targets}.Length, batch, {perSample}, {Method(plan, "ComputeLoss")}, \"{targets}\");");
        w.Line($"{t} loss = {loss.ComputeCall(context, outputs, targets, gradient)};");
        w.Line("_hasOutputGradient = true;");
        w.Line("return loss;");
        w.Close();
        w.Line();

        w.Summary($"Back-propagates the output gradient that the latest <see cref=\"{api.ComputeLossCref}\"/> stored, adding into <see cref=\"Gradients\"/>.");
        w.Open(api.Backward);
        w.Line($"global::Precast.Guard.LossRan(_hasOutputGradient, {Method(plan, "Backward")});");
        w.Line($"RunBackward({Spans.Slice(t, "_input", "0", "_batch * InputSize")}, _batch);");
        w.Close();
        w.Line();

        w.Summary(
            "One training step, without the optimizer: clears the gradients, runs the forward pass in training mode,",
            $"computes the mean loss against <paramref name=\"{targets}\"/> ({targetDoc}) and runs the backward pass.",
            "Reads the inputs in place and allocates nothing. Call an optimizer's Step afterwards.");
        w.Open(api.TrainStep);
        w.Line(BatchOf(plan, "TrainStep", "inputs"));
        w.Line($"global::Precast.Guard.Length({targets}.Length, batch, {perSample}, {Method(plan, "TrainStep")}, \"{targets}\");");
        w.Line("// No copy of the inputs is kept, so a later ComputeLoss or Backward has no Forward to refer to.");
        w.Line("_batch = 0;");
        w.Line("ZeroGradients();");
        w.Line("RunForward(inputs, batch, training: true);");
        w.Line($"{t} loss = {loss.ComputeCall(context, OutputSpan(plan, "inputs"), targets, gradient)};");
        w.Line("RunBackward(inputs, batch);");
        w.Line("return loss;");
        w.Close();
        w.Line();
    }

    private static void WritePredict(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        string t = plan.Spec.ElementType;
        LossSpec? loss = plan.Spec.Loss;
        w.Summary(
            $"Inference on <c>inputs.Length / {plan.InputLength}</c> samples: runs the network in inference mode and writes",
            $"{loss?.PredictionDescription ?? "the outputs"} into <paramref name=\"outputs\"/>, [batch, {plan.OutputLength}].");
        w.Open(api.Predict);
        w.Line(BatchOf(plan, "Predict", "inputs"));
        w.Line($"global::Precast.Guard.Length(outputs.Length, batch, OutputSize, {Method(plan, "Predict")}, \"outputs\");");
        w.Line("_batch = 0;");
        w.Line("RunForward(inputs, batch, training: false);");
        w.Line($"{OutputSpan(plan, "inputs")}.CopyTo(outputs);");
        loss?.EmitLink(new LossEmitContext(w, t, plan.OutputLength));
        w.Close();
        w.Line();

        if (loss is not { UsesClassLabels: true })
            return;
        w.Summary(
            "Inference: the most likely class of each sample (the index of its largest output), written into",
            "<paramref name=\"classes\"/>, one per sample.");
        w.Open(api.PredictClasses);
        w.Line(BatchOf(plan, "PredictClasses", "inputs"));
        w.Line($"global::Precast.Guard.Length(classes.Length, batch, 1, {Method(plan, "PredictClasses")}, \"classes\");");
        w.Line("_batch = 0;");
        w.Line("RunForward(inputs, batch, training: false);");
        w.Line($"global::System.ReadOnlySpan<{t}> scores = {OutputSpan(plan, "inputs")};");
        w.Line("for (int n = 0; n < batch; n++)");
        w.Line("    classes[n] = global::System.Numerics.Tensors.TensorPrimitives.IndexOfMax(scores.Slice(n * OutputSize, OutputSize));");
        w.Close();
        w.Line();

        w.Summary("Inference on one sample: its most likely class.");
        w.Open(api.PredictClass);
        w.Line($"global::Precast.Guard.Length(input.Length, 1, InputSize, {Method(plan, "PredictClass")}, \"input\");");
        w.Line("global::System.Span<int> classes = stackalloc int[1];");
        w.Line("PredictClasses(input, classes);");
        w.Line("return classes[0];");
        w.Close();
        w.Line();
    }

    private static void WriteSummary(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        int elementBytes = plan.Spec.ElementType == "double" ? 8 : 4;
        w.Summary("The layer table: each layer's output shape, parameter count and bytes, and the memory held for <see cref=\"MaxBatch\"/>.");
        w.Line($"{api.Summary} =>");
        var lines = SummaryTable.Build(plan);
        foreach (string line in lines)
            w.Line($"    \"{line}\\n\" +");
        w.Line($"    global::System.FormattableString.Invariant($\"Buffers for maxBatch {{_maxBatch}}: {{(2L * ParameterCount + (long)_maxBatch * BufferValuesPerSample) * {elementBytes}:N0}} bytes\");");
        w.Line();
    }

    private static void WriteInterfaceMembers(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        string targetLength = plan.Spec.Loss is { } loss ? loss.TargetLength(plan.Output.Shape).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        foreach (string member in api.InterfaceMembers(plan.Spec.ClassName, "InputSize", "OutputSize", targetLength))
            w.Line(member);
        w.Line();
    }
}
