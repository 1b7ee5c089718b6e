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
        var (height, width) = ReadWindow(attribute);
        return new MaxPool2DLayer(context.Name, context.Location, height, width, WindowOptions.Read(attribute));
    }

    public override string Kind => "MaxPool2D";

    public override string Formula => "y[n, c, i, j] = max over the window of x[n, c, ·, ·]";

    protected override string KernelClass => "MaxPool2D";

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    public override void EmitBackward(NodeEmitContext context) => EmitMaxBackward(context);
}
