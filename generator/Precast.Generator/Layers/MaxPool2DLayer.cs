using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [MaxPool2D(size)]: the largest value of each window, per channel, as nn.MaxPool2d; padding never
/// wins. The backward step finds each window's maximum again in the input (no index buffer) and
/// gives it the gradient, the first one on ties, as PyTorch does.
/// </summary>
internal sealed record MaxPool2DLayer(string Name, SourceSpan? Location, int WindowHeight, int WindowWidth, WindowOptions Window)
    : PoolingLayer(Name, Location, WindowHeight, WindowWidth, Window)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context)
    {
        int height = AttributeReader.Constructor(attribute, 0, 0);
        int width = attribute.ConstructorArguments.Length > 1 ? AttributeReader.Constructor(attribute, 1, 0) : height;
        return new MaxPool2DLayer(context.Name, context.Location, height, width, WindowOptions.Read(attribute));
    }

    public override string Kind => "MaxPool2D";

    public override string Formula => "y[n, c, i, j] = max over the window of x[n, c, ·, ·]";

    protected override string KernelClass => "MaxPool2D";

    protected override IEnumerable<(string Name, int Value)> Sizes => [("Height", WindowHeight), ("Width", WindowWidth)];

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    public override void EmitBackward(NodeEmitContext context) => EmitMaxBackward(context);
}
