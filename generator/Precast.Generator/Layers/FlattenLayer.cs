using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Flatten]: [C, H, W] becomes [C·H·W]. Row-major storage already lays a sample out as that
/// vector, so Flatten is a view: no buffer, no code, the next layer reads the same memory.
/// </summary>
internal sealed record FlattenLayer(string Name, SourceSpan? Location) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) => new FlattenLayer(context.Name, context.Location);

    public override string Kind => "Flatten";

    public override string Formula => "y = x read as a vector";

    public override bool IsView => true;

    protected override Shape? InferShape(Shape input, ShapeContext context) => Shape.Vector(input.Length);

    public override void EmitForward(NodeEmitContext context)
    {
    }

    public override void EmitBackward(NodeEmitContext context)
    {
    }
}
