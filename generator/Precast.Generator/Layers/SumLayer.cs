using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// The join of a residual connection or of summed branches: y = x₀ + x₁ + ..., every input of one
/// shape. Not an attribute of its own: [Residual] and [Sum] expand into their blocks and this.
/// Inputs of a residual: the shortcut (x, or the projection's output), then the branch.
/// </summary>
/// <param name="Name">The composition's name.</param>
/// <param name="Location">The composition's attribute.</param>
/// <param name="Composition">The composition's kind, which names the node: Residual or Sum.</param>
/// <param name="Projection">A residual's projection block, or null for the identity shortcut (or for a Sum).</param>
/// <param name="Blocks">The block of each branch (a residual's: its one branch F).</param>
internal sealed record SumLayer(string Name, SourceSpan? Location, string Composition, string? Projection, EquatableArray<string> Blocks)
    : LayerSpec(Name, Location)
{
    private bool IsResidual => Composition == "Residual";

    public override string Kind => Composition;

    public override int InputCount => 0;

    public override string Formula => "y = " + string.Join(" + ", Operands().Select(o => o.Term));

    /// <summary>Each input: its term in the formula and how messages describe it.</summary>
    private IEnumerable<(string Term, string Description)> Operands()
    {
        if (IsResidual)
            yield return Projection is null ? ("x", "the input") : ($"{Projection}(x)", $"the projection '{Projection}'");
        foreach (string block in Blocks)
            yield return ($"{block}(x)", $"block '{block}'");
    }

    public override Shape? InferShape(IReadOnlyList<Shape> inputs, ShapeContext context)
    {
        if (inputs.All(shape => shape.Equals(inputs[0])))
            return inputs[0];
        string shapes = string.Join(", ", Operands().Select((operand, i) => $"{operand.Description} gives {inputs[i]}"));
        string fix = IsResidual
            ? Projection is null
                ? $"give it a Projection block that maps {inputs[0]} to {inputs[1]}: [Residual(typeof({Blocks[0]}), Projection = typeof(...))]"
                : $"make the projection '{Projection}' produce {inputs[1]}"
            : "make every branch produce the same shape";
        return context.Report(Diagnostics.Descriptors.ShapesDiffer, context.Display, "adds", shapes, fix);
    }

    public override void EmitForward(NodeEmitContext context)
    {
        var w = context.Writer;
        w.Line($"global::Precast.Kernels.Sum.Forward<{context.T}>({context.Input(0)}, {context.Input(1)}, {context.Output});");
        for (int i = 2; i < context.InputCount; i++)
            w.Line($"global::Precast.Kernels.Sum.AddInto<{context.T}>({context.Input(i)}, {context.Output});");
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        context.Writer.Line("// every input receives the output gradient as it is");
        for (int i = 0; i < context.InputCount; i++)
        {
            if (context.NeedsInputGradient(i))
                context.Writer.Line($"global::Precast.Kernels.Sum.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(i)}, accumulate: {context.Accumulates(i)});");
        }
    }
}
