using Microsoft.CodeAnalysis;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Parsing;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>
/// [SeparableConv2D(filters, kernel)]: Keras's depthwise separable convolution, expanded into its
/// two steps so each is an ordinary node with its own checkpoint names: Depthwise (each channel
/// with its own filter, no bias, the window settings) and Pointwise (a 1x1 convolution to the
/// filters, with the bias).
/// </summary>
internal sealed record SeparableConvComposition(
    string Name, SourceSpan? Location, int Filters, int KernelHeight, int KernelWidth, int DepthMultiplier,
    bool HasBias, Initializer Initializer, WindowOptions Window)
    : CompositionSpec(Name, Location)
{
    public static ItemSpec Parse(AttributeData attribute, ItemContext context)
    {
        int filters = AttributeReader.Constructor(attribute, 0, 0);
        int kernelHeight = AttributeReader.Constructor(attribute, 1, 0);
        int kernelWidth = attribute.ConstructorArguments.Length > 2 ? AttributeReader.Constructor(attribute, 2, 0) : kernelHeight;
        return new SeparableConvComposition(context.Name, context.Location, filters, kernelHeight, kernelWidth,
            AttributeReader.Named(attribute, "DepthMultiplier", 1), AttributeReader.Named(attribute, "Bias", true),
            (Initializer)AttributeReader.Named(attribute, "Initializer", 0), WindowOptions.Read(attribute));
    }

    public override string Kind => "SeparableConv2D";

    public override int? Expand(GraphBuilder graph, int input)
    {
        var depthwise = new DepthwiseConv2DLayer("Depthwise", Location, KernelHeight, KernelWidth, DepthMultiplier, HasBias: false, Initializer.Auto, Window);
        int? spread = graph.Layer(depthwise, input, "Depthwise");
        if (spread is null)
            return null;
        var pointwise = new Conv2DLayer("Pointwise", Location, Filters, 1, 1, Groups: 1, HasBias, Initializer,
            new WindowOptions(null, null, null, null, null, null, WindowOptions.Valid, null, null, null, null, null));
        return graph.Layer(pointwise, spread.Value, "Pointwise");
    }
}
