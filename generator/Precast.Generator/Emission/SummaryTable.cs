using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>
/// The model's summary: one row per layer with its output shape, parameter count and parameter
/// bytes, then the totals. Built at compile time; Summary() returns it and the class's XML
/// documentation shows it on hover.
/// </summary>
internal static class SummaryTable
{
    public static IReadOnlyList<string> Build(ModelPlan plan)
    {
        int elementBytes = plan.Spec.Precision == Model.Precision.Double ? 8 : 4;
        var rows = new List<string[]>
        {
            new[] { "#", "Layer", "Kind", "Output", "Parameters", "Bytes" },
            new[] { "0", "(input)", "Input", plan.InputShape.ToString(), "0", "0" },
        };
        foreach (LayerPlan layer in plan.Layers)
        {
            long count = layer.Parameters.Sum(p => (long)p.Length);
            rows.Add(new[]
            {
                layer.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                layer.Spec.Name,
                layer.Spec.Kind,
                layer.Output.Shape.ToString(),
                Literals.Count(count),
                Literals.Count(count * elementBytes),
            });
        }

        var lines = new List<string>
        {
            $"{plan.Spec.ClassName}: {plan.InputShape} → {plan.Output.Shape}, {plan.Spec.ElementType}" +
            (plan.Spec.Loss is { } loss ? $", loss {loss.Kind}" : ", no loss (inference only)"),
        };
        lines.AddRange(Align(rows));
        lines.Add($"Total: {Literals.Count(plan.ParameterCount)} parameters, {Literals.Count((long)plan.ParameterCount * elementBytes)} bytes (and as many again for their gradients)");
        return lines;
    }

    // Text columns left-aligned, number columns right-aligned, two spaces apart.
    private static IEnumerable<string> Align(List<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        bool[] numeric = { true, false, false, false, true, true };
        foreach (string[] row in rows)
        {
            var cells = row.Select((cell, c) => numeric[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            yield return string.Join("  ", cells).TrimEnd();
        }
    }
}
