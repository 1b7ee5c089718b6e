using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// The join of [Concat]: the branches' outputs side by side along the first axis. Row-major
/// storage makes each sample's part of each branch one contiguous run, so the join copies runs
/// into place, and its backward step copies the gradient's runs back out.
/// </summary>
/// <param name="Name">The composition's name.</param>
/// <param name="Location">The composition's attribute.</param>
/// <param name="Operands">What each input is, for messages: "block 'Branch1x1'".</param>
internal sealed record ConcatLayer(string Name, SourceSpan? Location, EquatableArray<string> Operands) : LayerSpec(Name, Location)
{
    public override string Kind => "Concat";

    public override int InputCount => 0;

    public override string Formula => "y = [" + string.Join("; ", Operands.Select(o => o.Replace("block ", "").Replace("'", "") + "(x)")) + "] along the first axis";

    public override Shape? InferShape(IReadOnlyList<Shape> inputs, ShapeContext context)
    {
        Shape first = inputs[0];
        foreach (Shape shape in inputs)
        {
            bool agrees = shape.Rank == first.Rank;
            for (int axis = 1; agrees && axis < first.Rank; axis++)
                agrees = shape[axis] == first[axis];
            if (!agrees)
            {
                string shapes = string.Join(", ", inputs.Select((s, i) => $"{Operands[i]} produces {s}"));
                return context.Report(Diagnostics.Descriptors.ConcatShapesDiffer, context.Display, shapes,
                    "only the first axis may differ; make the branches agree on the others (the same spatial size, the same rank)");
            }
        }
        var dimensions = first.Dimensions.ToArray();
        long total = inputs.Sum(shape => (long)shape[0]);
        if (total > Limits.MaxArrayLength)
            return context.Report(Diagnostics.Descriptors.SizeTooLarge, $"The output of {context.Display}", total);
        dimensions[0] = (int)total;
        return new Shape(dimensions);
    }

    public override void EmitForward(NodeEmitContext context)
    {
        int total = context.OutputLength;
        int offset = 0;
        context.Writer.Line($"// each sample: {string.Join(" | ", Enumerable.Range(0, context.InputCount).Select(i => $"{context.InputLength(i)} values of {context.Input(i)}"))}");
        for (int i = 0; i < context.InputCount; i++)
        {
            context.Writer.Line($"global::Precast.Kernels.Concat.Forward<{context.T}>({context.Input(i)}, {context.Output}, batch, {context.InputLength(i)}, {offset}, {total});");
            offset += context.InputLength(i);
        }
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        int total = context.OutputLength;
        int offset = 0;
        context.Writer.Line("// each input receives its columns of the output gradient");
        for (int i = 0; i < context.InputCount; i++)
        {
            if (context.NeedsInputGradient(i))
            {
                context.Writer.Line(
                    $"global::Precast.Kernels.Concat.Backward<{context.T}>({context.OutputGradient}, {context.InputGradient(i)}, batch, {context.InputLength(i)}, {offset}, {total}, accumulate: {context.Accumulates(i)});");
            }
            offset += context.InputLength(i);
        }
    }
}
