namespace Precast.Generator.Model;

/// <summary>
/// One attribute of a model's or block's layer list, as declared: a layer
/// (<see cref="Layers.LayerSpec"/>, one node of the graph) or a composition of blocks
/// (<see cref="Composition.CompositionSpec"/>, which expands into several nodes).
/// </summary>
/// <param name="Name">The name given by the user, or the kind and an index (Dense1, Residual2).</param>
/// <param name="Location">The attribute in the source.</param>
internal abstract record ItemSpec(string Name, SourceSpan? Location)
{
    /// <summary>The kind as the user writes its attribute: Dense, Relu, Residual.</summary>
    public abstract string Kind { get; }
}
