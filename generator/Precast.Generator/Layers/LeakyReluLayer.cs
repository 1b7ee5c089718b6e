using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>[LeakyRelu(Slope = s)]: y = x where x &gt; 0, else s·x.</summary>
internal sealed record LeakyReluLayer(string Name, SourceSpan? Location, double Slope) : ElementwiseLayer(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new LeakyReluLayer(context.Name, context.Location, AttributeReader.Named(attribute, "Slope", 0.01));

    public override string Kind => "LeakyRelu";

    public override string Formula => $"y = x where x > 0, else {Literals.Readable(Slope)}·x";

    protected override string KernelClass => "LeakyRelu";

    public override string Derivative => $"dx = dy where x > 0, else {Literals.Readable(Slope)}·dy";

    // With a negative or zero slope the sign of y no longer tells the sign of x, so read x.
    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    public override bool PrefersHeInitialization => true;

    protected override string ExtraArguments(NodeEmitContext context) => $", slope: {context.Literal(Slope)}";

    protected override Shape? InferShape(Shape input, ShapeContext context)
    {
        double slope = context.InPrecision(Slope);
        if (double.IsNaN(slope) || double.IsInfinity(slope))
            return context.Invalid("Slope", Slope, $"it must be a finite {context.ElementType}, such as 0.01");
        return input;
    }
}
