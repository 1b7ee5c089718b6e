using System.Globalization;
using Precast.Generator.Losses;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// Writes the model's public surface: Forward, Backward, ComputeLoss, TrainStep, Predict and the
/// members of IModel/ITrainable. Every model's surface works the same way, so each member forwards
/// to the runtime core (Precast.Runtime.ModelCore), which checks the arguments (messages name the
/// model, the method and the argument), enforces the call order and runs the passes; only the
/// documentation and the summary table depend on the model.
/// </summary>
internal static class ApiEmitter
{
    public static void Emit(CodeWriter w, ModelPlan plan)
    {
        var api = ApiSignatures.For(plan.Spec);
        WriteState(w, plan, api);
        WriteForward(w, plan, api);
        if (plan.Spec.Loss is { } loss)
            WriteTraining(w, plan, loss, api);
        WritePredict(w, plan, api);
        WriteSummary(w, plan, api);
        foreach (string member in api.InterfaceMembers(plan.Spec.ClassName, "InputSize", "OutputSize",
            plan.Spec.Loss?.TargetLength(plan.Output.Shape).ToString(CultureInfo.InvariantCulture) ?? "",
            "{ get => _rng; set => _rng = value; }"))
            w.Line(member);
        w.Line();
    }

    private static void WriteState(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        w.Summary("The largest number of samples one call accepts; fixed at construction.");
        w.Line($"{api.MaxBatch} => _core.MaxBatch;");
        w.Line();
        w.Summary("Every trainable value in one flat buffer, in the order of <see cref=\"ParameterTensors\"/>. Optimizers update it in place.");
        w.Line($"{api.Parameters} => _core.ParameterArray;");
        w.Line();
        w.Summary("The gradient of the loss with respect to each value of <see cref=\"Parameters\"/>; Backward adds into it.");
        w.Line($"{api.Gradients} => _core.GradientArray;");
        w.Line();
        w.Summary("The named tensors <see cref=\"Parameters\"/> is made of, as checkpoints and PyTorch's state_dict name them.");
        w.Line($"{api.ParameterTensors} => s_parameterTensors;");
        w.Line();
        w.Summary("The non-trainable values (running statistics) checkpoints keep and optimizers never see.");
        w.Line($"{api.State} => _core.StateArray;");
        w.Line();
        w.Summary("The named tensors <see cref=\"State\"/> is made of.");
        w.Line($"{api.StateTensors} => s_stateTensors;");
        w.Line();
        w.Summary($"Training mode (dropout active) for <see cref=\"{api.ForwardCref}\"/>; true after construction. TrainStep always trains and Predict always infers.");
        w.Line($"{api.IsTraining} {{ get => _core.IsTraining; set => _core.IsTraining = value; }}");
        w.Line();
        if (plan.Spec.InputGradient)
        {
            w.Summary("The gradient of the loss with respect to the inputs of the latest backward pass (Backward or TrainStep), [batch, InputSize].");
            w.Line($"{api.InputGradient} => _core.InputGradient;");
            w.Line();
        }
        w.Summary("Sets every gradient to zero. Backward adds into the gradients, so call this between optimizer steps (TrainStep does).");
        w.Line($"{api.ZeroGradients} => _core.ZeroGradients();");
        w.Line();
    }

    private static void WriteForward(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        w.Summary(
            $"Runs the network on <c>inputs.Length / {plan.InputLength}</c> samples of shape {plan.InputShape} in the mode <see cref=\"IsTraining\"/> sets,",
            $"and returns their outputs, [batch, {plan.OutputLength}]. The span is this model's own buffer, valid until the next call.",
            "Keeps a copy of the inputs so that ComputeLoss and Backward can follow.");
        w.Line($"{api.Forward} => _core.Forward(inputs);");
        w.Line();
        w.Summary(
            "Back-propagates <paramref name=\"outputGradient\"/>, the gradient of some loss with respect to the outputs of",
            $"the latest <see cref=\"{api.ForwardCref}\"/>, [batch, OutputSize], and adds the parameter gradients into <see cref=\"Gradients\"/>.",
            "Each Forward can be back-propagated once.");
        w.Line($"{api.BackwardWithGradient} => _core.Backward(outputGradient);");
        w.Line();
    }

    private static void WriteTraining(CodeWriter w, ModelPlan plan, LossSpec loss, ApiSignatures api)
    {
        string targets = loss.TargetName;
        string targetDoc = loss.UsesClassLabels
            ? "one class index in [0, OutputSize) per sample"
            : $"{loss.TargetLength(plan.Output.Shape)} target values per sample";
        w.Summary(
            $"The mean loss of the latest <see cref=\"{api.ForwardCref}\"/> against <paramref name=\"{targets}\"/> ({targetDoc});",
            "also stores the output gradient that <see cref=\"Backward()\"/> propagates.",
            $"Loss.{loss.Kind}: {loss.Formula}.");
        w.Line($"{api.ComputeLoss} => _core.ComputeLoss({targets});");
        w.Line();
        w.Summary($"Back-propagates the output gradient that the latest <see cref=\"{api.ComputeLossCref}\"/> stored, adding into <see cref=\"Gradients\"/>.");
        w.Line($"{api.Backward} => _core.Backward();");
        w.Line();
        w.Summary(
            "One training step, without the optimizer: clears the gradients, runs the forward pass in training mode,",
            $"computes the mean loss against <paramref name=\"{targets}\"/> ({targetDoc}) and runs the backward pass.",
            "Reads the inputs in place and allocates nothing. Call an optimizer's Step afterwards.");
        w.Line($"{api.TrainStep} => _core.TrainStep(inputs, {targets});");
        w.Line();
    }

    private static void WritePredict(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        LossSpec? loss = plan.Spec.Loss;
        w.Summary(
            $"Inference on <c>inputs.Length / {plan.InputLength}</c> samples: runs the network in inference mode and writes",
            $"{loss?.PredictionDescription ?? "the outputs"} into <paramref name=\"outputs\"/>, [batch, {plan.OutputLength}].");
        w.Line($"{api.Predict} => _core.Predict(inputs, outputs);");
        w.Line();
        if (loss is not { UsesClassLabels: true })
            return;
        w.Summary(
            "Inference: the most likely class of each sample (the index of its largest output), written into",
            "<paramref name=\"classes\"/>, one per sample.");
        w.Line($"{api.PredictClasses} => _core.PredictClasses(inputs, classes);");
        w.Line();
        w.Summary("Inference on one sample: its most likely class.");
        w.Line($"{api.PredictClass} => _core.PredictClass(input);");
        w.Line();
    }

    private static void WriteSummary(CodeWriter w, ModelPlan plan, ApiSignatures api)
    {
        int elementBytes = plan.Spec.ElementType == "double" ? 8 : 4;
        long perSample = SummaryTable.ValuesPerSample(plan);
        w.Summary("The layer tree: each layer's and block's output shape, parameters, bytes and multiplies per sample, and the memory the model holds for <see cref=\"MaxBatch\"/>.");
        w.Line($"{api.Summary} =>");
        foreach (string line in SummaryTable.Build(plan))
            w.Line($"    \"{line}\\n\" +");
        long fixedValues = plan.StateCount + (long)plan.Memory.ScratchValues;
        string fixedPart = fixedValues > 0 ? $" + {fixedValues}" : "";
        w.Line($"    global::System.FormattableString.Invariant($\"Memory for maxBatch {{_core.MaxBatch}}: {{(2L * ParameterCount{fixedPart} + (long)_core.MaxBatch * {perSample}) * {elementBytes}:N0}} bytes\");");
        w.Line();
    }
}
