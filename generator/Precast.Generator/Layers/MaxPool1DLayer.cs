using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [MaxPool1D(size)]: nn.MaxPool1d over a [C, L] sample, computed by the 2-D kernel with height 1
/// (the same memory as [C, 1, L]).
/// </summary>
internal sealed record MaxPool1DLayer(string Name, SourceSpan? Location, int Size, WindowOptions Window)
    : PoolingLayer(Name, Location, 1, Size, Window)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new MaxPool1DLayer(context.Name, context.Location, AttributeReader.Constructor(attribute, 0, 0), WindowOptions.Read(attribute));

    public override string Kind => "MaxPool1D";

    public override string Formula => "y[n, c, t] = max over the window of x[n, c, ·]";

    protected override bool OneDimensional => true;

    protected override string KernelClass => "MaxPool2D";

    protected override IEnumerable<(string Name, int Value)> Sizes => [("Size", Size)];

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    public override void EmitBackward(NodeEmitContext context) => EmitMaxBackward(context);
}
