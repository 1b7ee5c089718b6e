using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Conv2D(filters, kernel)] or [Conv2D(filters, kernelHeight, kernelWidth)]: PyTorch's nn.Conv2d on a
/// [C, H, W] sample, weight [filters, C / groups, kh, kw]. The shared work is in <see cref="ConvolutionLayer"/>.
/// </summary>
internal sealed record Conv2DLayer(
    string Name, SourceSpan? Location, int Filters, int KernelHeight, int KernelWidth, int Groups, bool HasBias, Initializer Initializer, WindowOptions Window)
    : ConvolutionLayer(Name, Location, KernelHeight, KernelWidth, Groups, HasBias, Initializer, Window)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context)
    {
        int filters = AttributeReader.Constructor(attribute, 0, 0);
        int kernelHeight = AttributeReader.Constructor(attribute, 1, 0);
        int kernelWidth = attribute.ConstructorArguments.Length > 2 ? AttributeReader.Constructor(attribute, 2, 0) : kernelHeight;
        return new Conv2DLayer(context.Name, context.Location, filters, kernelHeight, kernelWidth,
            AttributeReader.Named(attribute, "Groups", 1), AttributeReader.Named(attribute, "Bias", true),
            (Initializer)AttributeReader.Named(attribute, "Initializer", 0), WindowOptions.Read(attribute));
    }

    public override string Kind => "Conv2D";

    public override string Formula => HasBias ? "y = W ⋆ x + b" : "y = W ⋆ x";

    protected override string? OtherRankLayer => "Conv1D";

    protected override IEnumerable<(string Name, int Value)> Sizes =>
        [("Filters", Filters), ("KernelHeight", KernelHeight), ("KernelWidth", KernelWidth), ("Groups", Groups)];

    protected override long OutChannels(int inChannels) => Filters;
}
