using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [DepthwiseConv2D(kernel)]: each input channel convolved with its own DepthMultiplier filters
/// (nn.Conv2d with groups = channels), weight [C·multiplier, 1, kh, kw]. Always the dedicated
/// depthwise kernel: im2col would make one tiny matrix product per channel.
/// </summary>
internal sealed record DepthwiseConv2DLayer(
    string Name, SourceSpan? Location, int KernelHeight, int KernelWidth, int DepthMultiplier, bool HasBias, Initializer Initializer, WindowOptions Window)
    : ConvolutionLayer(Name, Location, KernelHeight, KernelWidth, 1, HasBias, Initializer, Window)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context)
    {
        int kernelHeight = AttributeReader.Constructor(attribute, 0, 0);
        int kernelWidth = attribute.ConstructorArguments.Length > 1 ? AttributeReader.Constructor(attribute, 1, 0) : kernelHeight;
        return new DepthwiseConv2DLayer(context.Name, context.Location, kernelHeight, kernelWidth,
            AttributeReader.Named(attribute, "DepthMultiplier", 1), AttributeReader.Named(attribute, "Bias", true),
            (Initializer)AttributeReader.Named(attribute, "Initializer", 0), WindowOptions.Read(attribute));
    }

    public override string Kind => "DepthwiseConv2D";

    public override string Formula => HasBias ? "y = W ⋆ x + b, channel by channel" : "y = W ⋆ x, channel by channel";

    protected override string? OtherRankLayer => null;

    protected override IEnumerable<(string Name, int Value)> Sizes =>
        [("KernelHeight", KernelHeight), ("KernelWidth", KernelWidth), ("DepthMultiplier", DepthMultiplier)];

    protected override long OutChannels(int inChannels) => (long)inChannels * DepthMultiplier;

    protected override int GroupCount(int inChannels) => inChannels;

    protected override ConvolutionAlgorithm Algorithm(ConvGeometry g) => ConvolutionAlgorithm.Depthwise(g);
}
