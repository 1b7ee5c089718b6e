using System.Linq;
using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Reshape(1, 28, 28)]: the same values in the same order under another shape, as PyTorch's view;
/// one dimension may be −1 and is inferred. A view like Flatten: no buffer, no code.
/// </summary>
internal sealed record ReshapeLayer(string Name, SourceSpan? Location, EquatableArray<int> Target) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new ReshapeLayer(context.Name, context.Location, AttributeReader.ConstructorIntArray(attribute, 0).ToEquatableArray());

    public override string Kind => "Reshape";

    public override string Formula => "y = x read in another shape";

    public override bool IsView => true;

    private string TargetText => "[" + string.Join(", ", Target) + "]";

    protected override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (Target.Count == 0)
            return context.Invalid("Shape", "[]", "give the new shape of one sample, such as [Reshape(1, 28, 28)]");
        int inferred = -1;
        long known = 1;
        for (int axis = 0; axis < Target.Count; axis++)
        {
            int dimension = Target[axis];
            if (dimension == -1 && inferred < 0)
            {
                inferred = axis;
                continue;
            }
            if (dimension == -1)
                return context.Report(Descriptors.ReshapeMismatch, context.Display, input.ToString(), context.Producer, input.Length, TargetText, "only one dimension can be −1 (inferred); give the others");
            if (dimension < 1)
                return context.Report(Descriptors.NonPositiveSize, $"Dimension {axis}", context.Display, dimension);
            known *= dimension;
            if (known > Limits.MaxArrayLength)
                break;
        }
        int[] dimensions = Target.ToArray();
        if (inferred >= 0)
        {
            if (input.Length % known != 0)
            {
                return context.Report(Descriptors.ReshapeMismatch, context.Display, input.ToString(), context.Producer, input.Length, TargetText,
                    $"{input.Length} values do not divide into whole rows of {known} for the −1");
            }
            dimensions[inferred] = (int)(input.Length / known);
        }
        else if (known != input.Length)
        {
            string product = string.Join(" × ", Target);
            return context.Report(Descriptors.ReshapeMismatch, context.Display, input.ToString(), context.Producer, input.Length, TargetText,
                $"{product} = {(known > Limits.MaxArrayLength ? "more than " + Limits.MaxArrayLength : known.ToString(System.Globalization.CultureInfo.InvariantCulture))} values; the new shape must hold the same {input.Length}");
        }
        return new Shape(dimensions);
    }

    public override void EmitForward(NodeEmitContext context)
    {
    }

    public override void EmitBackward(NodeEmitContext context)
    {
    }
}
