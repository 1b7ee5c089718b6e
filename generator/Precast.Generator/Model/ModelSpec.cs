using Precast.Generator.Losses;

namespace Precast.Generator.Model;

/// <summary>
/// A model as declared: the class, its input, its layers and compositions in order, the blocks
/// they use, and its loss. Produced by the
/// parser from the attributes; holds only equatable data (no symbols, syntax or compilation), so
/// the incremental pipeline can cache everything after it.
/// </summary>
/// <param name="Declaration">The class: names, members, base class, documentation.</param>
/// <param name="Input">The declared input shape (may be empty or invalid; the planner checks it).</param>
/// <param name="Precision">The element type.</param>
/// <param name="InputGradient">Whether Backward computes the gradient with respect to the input.</param>
/// <param name="Items">The layers and compositions, in declaration order.</param>
/// <param name="Blocks">Every block the items use, directly or through other blocks.</param>
/// <param name="Loss">The loss, or null for an inference-only model.</param>
/// <param name="ModelLocation">The [Model] attribute.</param>
/// <param name="Diagnostics">Problems found while parsing.</param>
/// <param name="HasBindingErrors">
/// True when the compiler could not bind an attribute's arguments: it reports those errors itself,
/// and nothing is generated until they are fixed.
/// </param>
internal sealed record ModelSpec(
    TypeDeclaration Declaration,
    EquatableArray<int> Input,
    Precision Precision,
    bool InputGradient,
    EquatableArray<ItemSpec> Items,
    EquatableArray<BlockSpec> Blocks,
    LossSpec? Loss,
    SourceSpan? ModelLocation,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool HasBindingErrors)
{
    /// <summary>The C# keyword of the element type.</summary>
    public string ElementType => Precision == Precision.Double ? "double" : "float";

    /// <summary>The class's name as the user wrote it, without '@': for messages and string literals.</summary>
    public string ClassName => Declaration.ClassName;
}

/// <summary>Mirrors Precast.Precision: the element type a model computes in.</summary>
internal enum Precision
{
    Single = 0,
    Double = 1,
}
