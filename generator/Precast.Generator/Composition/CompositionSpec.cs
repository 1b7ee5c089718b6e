using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Composition;

/// <summary>
/// An attribute that composes blocks (Residual, Concat, Sum, Scale, Highway, Repeat). It is not a
/// node of the graph itself: <see cref="Expand"/> adds its blocks' layers and the layer that joins
/// them (SumLayer, ConcatLayer, ...) to the graph. One file per composition kind, registered in
/// <see cref="Layers.LayerCatalog"/> beside the layers.
/// </summary>
/// <param name="Name">The composition's name, the scope of its blocks' parameters: <c>{Name}.Dense1.weight</c>.</param>
/// <param name="Location">Its attribute.</param>
internal abstract record CompositionSpec(string Name, SourceSpan? Location) : ItemSpec(Name, Location)
{
    /// <summary>
    /// Adds the composition to <paramref name="graph"/> reading tensor <paramref name="input"/> and
    /// returns the tensor it produces, or null after reporting why it cannot be built.
    /// </summary>
    public abstract int? Expand(GraphBuilder graph, int input);

    /// <summary>The kind as the summary shows it (Repeat adds its count).</summary>
    public virtual string SummaryKind => Kind;
}
