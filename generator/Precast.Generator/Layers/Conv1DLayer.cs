using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Conv1D(filters, kernel)]: PyTorch's nn.Conv1d on a [C, L] sample (TextCNN), weight
/// [filters, C / groups, kernel]. Computed as the 2-D convolution of height 1, so it shares the 2-D
/// kernels and their algorithm choice.
/// </summary>
internal sealed record Conv1DLayer(
    string Name, SourceSpan? Location, int Filters, int Kernel, int Groups, bool HasBias, Initializer Initializer, WindowOptions Window)
    : ConvolutionLayer(Name, Location, 1, Kernel, Groups, HasBias, Initializer, Window)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new Conv1DLayer(context.Name, context.Location,
            AttributeReader.Constructor(attribute, 0, 0), AttributeReader.Constructor(attribute, 1, 0),
            AttributeReader.Named(attribute, "Groups", 1), AttributeReader.Named(attribute, "Bias", true),
            (Initializer)AttributeReader.Named(attribute, "Initializer", 0), WindowOptions.Read(attribute));

    public override string Kind => "Conv1D";

    public override string Formula => HasBias ? "y = W ⋆ x + b" : "y = W ⋆ x";

    protected override bool OneDimensional => true;

    protected override string? OtherRankLayer => "Conv2D";

    protected override IEnumerable<(string Name, int Value)> Sizes => [("Filters", Filters), ("Kernel", Kernel), ("Groups", Groups)];

    protected override long OutChannels(int inChannels) => Filters;
}
