using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// Maps each layer attribute to its kind and parser. The one place a new layer kind is registered.
/// </summary>
internal static class LayerCatalog
{
    /// <summary>Builds a layer's spec from its attribute, with its resolved name.</summary>
    public delegate LayerSpec Parser(AttributeData attribute, string name, SourceSpan? location);

    /// <summary>The registration of one layer kind.</summary>
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
    };

    /// <summary>Finds the layer kind of an attribute class, by its full metadata name.</summary>
    public static bool TryGet(string metadataName, out Entry entry) => s_entries.TryGetValue(metadataName, out entry!);
}
