using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Precast.Generator.Layers;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// Writes the two passes, as llm.c's gpt2_forward and gpt2_backward read: the forward pass runs
/// every node in order, the backward pass every node with work in exact reverse order, each under
/// a comment with its number, name, shapes and formula, its code written by the layer's own file.
/// Tensors are span locals over the workspace at the offsets the memory plan chose, declared where
/// first used; a composition's or block's first node carries a comment naming it, so the structure
/// of the model is visible in the code.
/// </summary>
internal static class PassEmitter
{
    public static void Emit(CodeWriter w, ModelPlan plan)
    {
        WriteForward(w, plan);
        WriteBackward(w, plan);
    }

    private static string Passes(ModelPlan plan) => $"global::Precast.Runtime.IModelPasses<{plan.Spec.ElementType}>";

    private static void WriteForward(CodeWriter w, ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        w.Summary("The forward pass over <paramref name=\"batch\"/> samples: every layer in order, on the workspace the memory plan lays out.");
        w.Open($"void {Passes(plan)}.RunForward(global::System.ReadOnlySpan<{t}> input, int batch, bool training)");
        w.Line($"{t}[] workspace = _core.WorkspaceArray;");
        DeclareScratch(w, plan, plan.Nodes.SelectMany(n => n.Buffers).Where(b => b.Lifetime != BufferLifetime.Backward));
        var declared = new HashSet<string> { "input" };
        foreach (NodePlan node in plan.Nodes)
        {
            w.Line();
            foreach (string banner in node.Opens)
                w.Line($"// ── {banner} ──");
            TensorPlan output = plan.Tensors[node.Output];
            if (node.Layer.IsView)
            {
                w.Line($"// {Number(node)}. {node.Display}: {ShapeChange(plan, node)}, {node.Layer.Formula}: the same memory, nothing to compute");
                continue;
            }
            w.Line($"// {Number(node)}. {node.Display}: {ShapeChange(plan, node)}, {node.Layer.Formula}");
            Declare(w, plan, declared, output.Local, output.Offset, output.Length, readOnly: false);
            foreach (BufferPlan buffer in node.Buffers.Where(b => b.Lifetime != BufferLifetime.Backward))
                DeclareBuffer(w, plan, declared, buffer, readOnly: false);
            node.Layer.EmitForward(new NodeEmitContext(w, plan, node));
        }
        w.Close();
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, ModelPlan plan)
    {
        string t = plan.Spec.ElementType;
        w.Summary(
            "The backward pass: every layer with work in exact reverse order, from the output gradient the loss (or",
            "Backward(outputGradient)) wrote; parameter gradients are added into Gradients.");
        w.Open($"void {Passes(plan)}.RunBackward(global::System.ReadOnlySpan<{t}> input, int batch, bool training)");
        w.Line($"{t}[] workspace = _core.WorkspaceArray;");
        DeclareScratch(w, plan, plan.Nodes.Where(n => n.HasBackward).SelectMany(n => n.Buffers).Where(b => b.Lifetime != BufferLifetime.Forward));
        var declared = new HashSet<string> { "input" };
        if (plan.Nodes.Any(n => n.HasBackward && n.Inputs.Select((tensor, i) => (tensor, i)).Any(x => n.InputGradients[x.i].Needed && plan.Tensors[x.tensor].Offset < 0)))
        {
            w.Line($"global::System.Span<{t}> dInput = new(_core.InputGradientArray, 0, {plan.InputLength} * batch);");
            declared.Add("dInput");
        }
        foreach (NodePlan node in plan.Nodes.Reverse())
        {
            if (!node.HasBackward)
                continue;
            w.Line();
            bool anyInputGradient = node.InputGradients.Any(g => g.Needed);
            w.Line($"// {Number(node)}. {node.Display}{(anyInputGradient ? "" : ": no input gradient, nothing before it learns")}");
            if ((node.Layer.BackwardReads & BackwardInputs.Inputs) != 0)
            {
                foreach (int input in node.Inputs)
                    DeclareActivation(w, plan, declared, plan.Tensors[input]);
            }
            if ((node.Layer.BackwardReads & BackwardInputs.Output) != 0)
                DeclareActivation(w, plan, declared, plan.Tensors[node.Output]);
            TensorPlan output = plan.Tensors[node.Output];
            Declare(w, plan, declared, output.GradientLocal, output.GradientOffset, output.Length, readOnly: false);
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                TensorPlan input = plan.Tensors[node.Inputs[i]];
                if (node.InputGradients[i].Needed)
                    Declare(w, plan, declared, input.GradientLocal, input.GradientOffset, input.Length, readOnly: false);
            }
            foreach (BufferPlan buffer in node.Buffers.Where(b => b.Lifetime != BufferLifetime.Forward))
                DeclareBuffer(w, plan, declared, buffer, readOnly: buffer.Lifetime == BufferLifetime.Kept);
            node.Layer.EmitBackward(new NodeEmitContext(w, plan, node));
        }
        w.Close();
        w.Line();
    }

    /// <summary>Declares the scratch array's local when one of <paramref name="buffers"/> lives there.</summary>
    private static void DeclareScratch(CodeWriter w, ModelPlan plan, IEnumerable<BufferPlan> buffers)
    {
        if (buffers.Any(b => !b.PerSample))
            w.Line($"{plan.Spec.ElementType}[] scratch = _core.ScratchArray; // the fixed-size layer buffers, {Count(plan.Memory.ScratchValues)} values");
    }

    /// <summary>Declares a layer buffer: in the workspace if it grows with the batch, else in the scratch.</summary>
    private static void DeclareBuffer(CodeWriter w, ModelPlan plan, HashSet<string> declared, BufferPlan buffer, bool readOnly)
    {
        if (buffer.PerSample)
        {
            Declare(w, plan, declared, buffer.Local, buffer.Offset, buffer.Length, readOnly);
            return;
        }
        if (!declared.Add(buffer.Local))
            return;
        string span = readOnly ? "ReadOnlySpan" : "Span";
        w.Line($"global::System.{span}<{plan.Spec.ElementType}> {buffer.Local} = new(scratch, {Count(buffer.Offset)}, {Count(buffer.Length)}); // {buffer.Description}");
    }

    private static void DeclareActivation(CodeWriter w, ModelPlan plan, HashSet<string> declared, TensorPlan tensor) =>
        Declare(w, plan, declared, tensor.Local, tensor.Offset, tensor.Length, readOnly: true);

    /// <summary>Declares the span local <paramref name="local"/> over its place in the workspace, the first time it is used.</summary>
    private static void Declare(CodeWriter w, ModelPlan plan, HashSet<string> declared, string local, int offset, int length, bool readOnly)
    {
        if (!declared.Add(local))
            return;
        string span = readOnly ? "ReadOnlySpan" : "Span";
        string start = offset == 0 ? "0" : $"{Count(offset)} * batch";
        w.Line($"global::System.{span}<{plan.Spec.ElementType}> {local} = new(workspace, {start}, {Count(length)} * batch); // [batch, {Count(length)}]");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(NodePlan node) => (node.Index + 1).ToString(CultureInfo.InvariantCulture);

    private static string ShapeChange(ModelPlan plan, NodePlan node)
    {
        string inputs = string.Join(" and ", node.Inputs.Select(i => plan.Tensors[i].Shape.ToString()).Distinct());
        string output = plan.Tensors[node.Output].Shape.ToString();
        return inputs == output ? output : $"{inputs} → {output}";
    }
}
