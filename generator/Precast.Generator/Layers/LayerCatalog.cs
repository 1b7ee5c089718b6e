using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Composition;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// Maps each layer or composition attribute to its kind and parser. The one place a new layer kind
/// is registered.
/// </summary>
internal static class LayerCatalog
{
    /// <summary>Builds an item's spec from its attribute, with its resolved name.</summary>
    public delegate ItemSpec Parser(AttributeData attribute, ItemContext context);

    /// <summary>The registration of one kind.</summary>
    /// <param name="Kind">The kind as the user writes the attribute, and the default name's prefix.</param>
    /// <param name="Parse">Builds the spec.</param>
    public sealed record Entry(string Kind, Parser Parse);

    private static readonly Dictionary<string, Entry> s_entries = new()
    {
        ["Precast.DenseAttribute"] = new("Dense", DenseLayer.Parse),
        ["Precast.ReluAttribute"] = new("Relu", ReluLayer.Parse),
        ["Precast.LeakyReluAttribute"] = new("LeakyRelu", LeakyReluLayer.Parse),
        ["Precast.SigmoidAttribute"] = new("Sigmoid", SigmoidLayer.Parse),
        ["Precast.TanhAttribute"] = new("Tanh", TanhLayer.Parse),
        ["Precast.GeluAttribute"] = new("Gelu", GeluLayer.Parse),
        ["Precast.SoftmaxAttribute"] = new("Softmax", SoftmaxLayer.Parse),
        ["Precast.DropoutAttribute"] = new("Dropout", DropoutLayer.Parse),
        ["Precast.FlattenAttribute"] = new("Flatten", FlattenLayer.Parse),
        ["Precast.Conv2DAttribute"] = new("Conv2D", Conv2DLayer.Parse),
        ["Precast.Conv1DAttribute"] = new("Conv1D", Conv1DLayer.Parse),
        ["Precast.Conv2DTransposeAttribute"] = new("Conv2DTranspose", Conv2DTransposeLayer.Parse),
        ["Precast.DepthwiseConv2DAttribute"] = new("DepthwiseConv2D", DepthwiseConv2DLayer.Parse),
        ["Precast.SeparableConv2DAttribute"] = new("SeparableConv2D", SeparableConvComposition.Parse),
        ["Precast.MaxPool2DAttribute"] = new("MaxPool2D", MaxPool2DLayer.Parse),
        ["Precast.AvgPool2DAttribute"] = new("AvgPool2D", AvgPool2DLayer.Parse),
        ["Precast.MaxPool1DAttribute"] = new("MaxPool1D", MaxPool1DLayer.Parse),
        ["Precast.GlobalAvgPool2DAttribute"] = new("GlobalAvgPool2D", GlobalPoolLayer.ParseAverage),
        ["Precast.GlobalMaxPool2DAttribute"] = new("GlobalMaxPool2D", GlobalPoolLayer.ParseMax),
        ["Precast.ZeroPadding2DAttribute"] = new("ZeroPadding2D", BorderLayer.ParsePadding),
        ["Precast.Cropping2DAttribute"] = new("Cropping2D", BorderLayer.ParseCropping),
        ["Precast.UpSampling2DAttribute"] = new("UpSampling2D", UpSampling2DLayer.Parse),
        ["Precast.ReshapeAttribute"] = new("Reshape", ReshapeLayer.Parse),
        ["Precast.BatchNormAttribute"] = new("BatchNorm", BatchNormLayer.Parse),
        ["Precast.Dropout2DAttribute"] = new("Dropout2D", Dropout2DLayer.Parse),
        ["Precast.ResidualAttribute"] = new("Residual", ResidualComposition.Parse),
        ["Precast.ConcatAttribute"] = new("Concat", ConcatComposition.Parse),
        ["Precast.SumAttribute"] = new("Sum", SumComposition.Parse),
        ["Precast.ScaleAttribute"] = new("Scale", ScaleComposition.Parse),
        ["Precast.HighwayAttribute"] = new("Highway", HighwayComposition.Parse),
        ["Precast.RepeatAttribute"] = new("Repeat", RepeatComposition.Parse),
    };

    /// <summary>Finds the kind of an attribute class, by its full metadata name.</summary>
    public static bool TryGet(string metadataName, out Entry entry) => s_entries.TryGetValue(metadataName, out entry!);
}
