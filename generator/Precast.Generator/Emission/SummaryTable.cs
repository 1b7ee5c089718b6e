using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// The model's summary: a tree of its layers, compositions and block instances, each with its
/// output shape, parameter count, parameter bytes and multiplications per sample (the forward
/// step's cost: Inception's case for 1x1 bottlenecks reads straight off it), then the totals and the
/// memory plan. Built
/// at compile time; Summary() returns it and the class's XML documentation shows it on hover.
/// </summary>
internal static class SummaryTable
{
    /// <summary>Values the model holds per sample of maxBatch: the workspace, the copy of Forward's inputs, and the input gradient if kept.</summary>
    public static long ValuesPerSample(ModelPlan plan) =>
        plan.Memory.ValuesPerSample + plan.InputLength + (plan.Spec.InputGradient || plan.OutputIsInput ? plan.InputLength : 0);

    public static IReadOnlyList<string> Build(ModelPlan plan)
    {
        int elementBytes = plan.Spec.Precision == Model.Precision.Double ? 8 : 4;
        var rows = new List<string[]>
        {
            new[] { "Layer", "Kind", "Output", "Parameters", "Bytes", "Multiplies" },
            new[] { "(input)", "Input", plan.InputShape.ToString(), "0", "0", "0" },
        };
        foreach (SummaryRow row in plan.Summary)
        {
            rows.Add(new[]
            {
                new string(' ', 2 * row.Depth) + row.Name,
                row.Kind,
                row.Output.ToString(),
                Literals.Count(row.Parameters),
                Literals.Count(row.Parameters * elementBytes),
                Literals.Count(row.Multiplies),
            });
        }

        long perSample = ValuesPerSample(plan);
        var lines = new List<string>
        {
            $"{plan.Spec.ClassName}: {plan.InputShape} → {plan.Output.Shape}, {plan.Spec.ElementType}" +
            (plan.Spec.Loss is { } loss ? $", loss {loss.Kind}" : ", no loss (inference only)"),
        };
        lines.AddRange(Align(rows));
        long multiplies = plan.Summary.Where(r => r.Depth == 0).Sum(r => r.Multiplies);
        lines.Add($"Total: {Literals.Count(plan.ParameterCount)} parameters, {Literals.Count((long)plan.ParameterCount * elementBytes)} bytes (and as many again for their gradients); " +
            $"{Literals.Count(multiplies)} multiplies per sample forward");
        if (plan.StateCount > 0)
            lines.Add($"State: {Literals.Count(plan.StateCount)} non-trainable values (running statistics), {Literals.Count((long)plan.StateCount * elementBytes)} bytes");
        bool inputGradient = plan.Spec.InputGradient || plan.OutputIsInput;
        lines.Add($"Per sample: {Literals.Count(perSample * elementBytes)} bytes, {Literals.Count(perSample)} values: the workspace's {Literals.Count(plan.Memory.ValuesPerSample)} " +
            $"(activations, gradients and layer buffers; {Literals.Count(plan.Memory.UnplannedValuesPerSample)} with one buffer per tensor) " +
            $"and {Literals.Count(plan.InputLength)} for the input{(inputGradient ? $" and {Literals.Count(plan.InputLength)} for its gradient" : "")}" +
            (plan.Memory.ScratchValues > 0 ? $"; plus {Literals.Count(plan.Memory.ScratchValues)} values of scratch whatever the batch" : ""));
        return lines;
    }

    // Text columns left-aligned, number columns right-aligned, two spaces apart.
    private static IEnumerable<string> Align(List<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        bool[] numeric = { false, false, false, true, true, true };
        foreach (string[] row in rows)
        {
            var cells = row.Select((cell, c) => numeric[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            yield return string.Join("  ", cells).TrimEnd();
        }
    }
}
