using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// Writes the two passes and the layers they call. RunForward calls each layer's forward method
/// in declaration order and RunBackward each backward method in exact reverse order, so the data
/// flow reads top to bottom. Then, per layer, a header with its shapes and formula and its
/// Forward/Backward pair side by side; the bodies come from the layer's own file.
/// </summary>
internal static class PassEmitter
{
    public static void Emit(CodeWriter w, ModelPlan plan)
    {
        WriteRunForward(w, plan);
        WriteRunBackward(w, plan);
        foreach (LayerPlan layer in plan.Layers)
            WriteLayer(w, plan, layer);
    }

    /// <summary>True when some layer acts differently in training (Dropout), so the mode must be remembered for Backward.</summary>
    public static bool TracksTrainingMode(ModelPlan plan) => plan.Layers.Any(l => l.Spec.DependsOnTrainingMode);

    private static string Span(ModelPlan plan, bool readOnly) =>
        $"global::System.{(readOnly ? "ReadOnlySpan" : "Span")}<{plan.Spec.ElementType}>";

    private static void WriteRunForward(CodeWriter w, ModelPlan plan)
    {
        w.Summary($"The forward pass over <paramref name=\"batch\"/> samples: every layer in declaration order, each writing its own buffer.");
        w.Open($"private void RunForward({Span(plan, readOnly: true)} input, int batch, bool training)");
        if (TracksTrainingMode(plan))
            w.Line("_training = training;");
        foreach (LayerPlan layer in StorageEmitter.BufferedOutputs(plan))
            w.Line($"{Span(plan, readOnly: false)} {TensorNames.Local(layer.Output)} = {Spans.Slice(plan.Spec.ElementType, TensorNames.Field(layer.Output), "0", $"batch * {layer.Output.Shape.Length}")}; // [batch, {layer.Output.Shape.Length}]");
        w.Line();
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.Spec.IsView)
            {
                w.Line($"// {layer.Spec.Display}: {layer.Input.Shape} → {layer.Output.Shape} reads the same memory; nothing to compute.");
                continue;
            }
            var arguments = new List<string> { TensorNames.Local(layer.Input), TensorNames.Local(layer.Output) };
            if (layer.Spec.UsesBatch)
                arguments.Add("batch");
            if (layer.Spec.DependsOnTrainingMode)
                arguments.Add("training");
            w.Line($"{MemberNames.ForwardMethod(layer.Spec.Name)}({string.Join(", ", arguments)}); // {layer.Spec.Display}: {ShapeChange(layer)}");
        }
        w.Close();
        w.Line();
    }

    private static void WriteRunBackward(CodeWriter w, ModelPlan plan)
    {
        w.Summary(
            $"The backward pass: every layer in reverse order, from the output gradient in {TensorNames.GradientField(plan.Output)}",
            "back to the first layer that needs one; parameter gradients are added into Gradients.");
        w.Open($"private void RunBackward({Span(plan, readOnly: true)} input, int batch)");
        if (plan.Spec.InputGradient)
            w.Line("_inputGradientBatch = batch;");
        var backward = plan.Layers.Where(l => l.HasBackward).Reverse().ToList();

        // The activations the backward formulas read, then the gradients they read and write.
        var declared = new HashSet<string> { "input" };
        foreach (LayerPlan layer in plan.Layers.Where(l => l.HasBackward))
        {
            if ((layer.Spec.BackwardReads & BackwardInputs.Input) != 0)
                DeclareActivation(w, plan, layer.Input, declared);
            if ((layer.Spec.BackwardReads & BackwardInputs.Output) != 0)
                DeclareActivation(w, plan, layer.Output, declared);
        }
        foreach (LayerPlan layer in backward)
        {
            DeclareGradient(w, plan, layer.Output, declared);
            if (layer.NeedsInputGradient)
                DeclareGradient(w, plan, layer.Input, declared);
        }
        w.Line();

        foreach (LayerPlan layer in backward)
        {
            var arguments = new List<string>();
            if ((layer.Spec.BackwardReads & BackwardInputs.Input) != 0)
                arguments.Add(TensorNames.Local(layer.Input));
            if ((layer.Spec.BackwardReads & BackwardInputs.Output) != 0)
                arguments.Add(TensorNames.Local(layer.Output));
            arguments.Add(TensorNames.GradientLocal(layer.Output));
            if (layer.NeedsInputGradient)
                arguments.Add(TensorNames.GradientLocal(layer.Input));
            if (layer.Spec.UsesBatch)
                arguments.Add("batch");
            if (layer.Spec.DependsOnTrainingMode)
                arguments.Add("_training");
            string note = layer.NeedsInputGradient ? "" : "; no dx, nothing before it learns";
            w.Line($"{MemberNames.BackwardMethod(layer.Spec.Name)}({string.Join(", ", arguments)}); // {layer.Spec.Display}{note}");
        }
        w.Close();
        w.Line();
    }

    private static void DeclareActivation(CodeWriter w, ModelPlan plan, TensorPlan tensor, HashSet<string> declared)
    {
        if (declared.Add(TensorNames.Local(tensor)))
            w.Line($"{Span(plan, readOnly: true)} {TensorNames.Local(tensor)} = {Spans.Slice(plan.Spec.ElementType, TensorNames.Field(tensor), "0", $"batch * {tensor.Shape.Length}")}; // [batch, {tensor.Shape.Length}]");
    }

    private static void DeclareGradient(CodeWriter w, ModelPlan plan, TensorPlan tensor, HashSet<string> declared)
    {
        if (declared.Add(TensorNames.GradientLocal(tensor)))
            w.Line($"{Span(plan, readOnly: false)} {TensorNames.GradientLocal(tensor)} = {Spans.Slice(plan.Spec.ElementType, TensorNames.GradientField(tensor), "0", $"batch * {tensor.Shape.Length}")}; // [batch, {tensor.Shape.Length}]");
    }

    private static string ShapeChange(LayerPlan layer) =>
        layer.Input.Shape.Equals(layer.Output.Shape) ? layer.Output.Shape.ToString() : $"{layer.Input.Shape} → {layer.Output.Shape}";

    private static void WriteLayer(CodeWriter w, ModelPlan plan, LayerPlan layer)
    {
        LayerSpec spec = layer.Spec;
        var context = new LayerEmitContext(w, plan, layer);

        w.Line("// ─────────────────────────────────────────────────────────────────────────────");
        w.Line($"// {layer.Index}. {spec.Display}: {ShapeChange(layer)}");
        w.Line($"//    {spec.Formula}");
        if (layer.Parameters.Count > 0)
            w.Line("//    " + string.Join(", ", layer.Parameters.Select(p => $"{p.PropertyName} {p.Spec.Shape}")));
        w.Line("// ─────────────────────────────────────────────────────────────────────────────");
        w.Line();
        if (spec.IsView)
            return;

        int inputs = layer.Input.Shape.Length;
        int outputs = layer.Output.Shape.Length;
        string extra = (spec.UsesBatch ? ", int batch" : "") + (spec.DependsOnTrainingMode ? ", bool training" : "");

        w.Summary($"{spec.Display} forward: x [batch, {inputs}] → y [batch, {outputs}].");
        w.Open($"private void {MemberNames.ForwardMethod(spec.Name)}({Span(plan, true)} x, {Span(plan, false)} y{extra})");
        spec.EmitForward(context);
        w.Close();
        w.Line();

        if (!layer.HasBackward)
            return;
        var parameters = new List<string>();
        if ((spec.BackwardReads & BackwardInputs.Input) != 0)
            parameters.Add($"{Span(plan, true)} x");
        if ((spec.BackwardReads & BackwardInputs.Output) != 0)
            parameters.Add($"{Span(plan, true)} y");
        parameters.Add($"{Span(plan, true)} dy");
        if (layer.NeedsInputGradient)
            parameters.Add($"{Span(plan, false)} dx");
        string writes = layer.NeedsInputGradient ? $"writes dx [batch, {inputs}]" : "no dx";
        string accumulates = layer.Parameters.Count > 0 ? "adds the parameter gradients, " : "";
        w.Summary($"{spec.Display} backward: from dy [batch, {outputs}], {accumulates}{writes}.");
        w.Open($"private void {MemberNames.BackwardMethod(spec.Name)}({string.Join(", ", parameters)}{extra})");
        spec.EmitBackward(context);
        w.Close();
        w.Line();
    }
}
