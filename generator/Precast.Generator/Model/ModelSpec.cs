using Precast.Generator.Layers;
using Precast.Generator.Losses;

namespace Precast.Generator.Model;

/// <summary>
/// A model as declared: the class, its input, its layers in order and its loss. Produced by the
/// parser from the attributes; holds only equatable data (no symbols, syntax or compilation), so
/// the incremental pipeline can cache everything after it.
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The types the class is nested in, outermost first.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="Input">The declared input shape (may be empty or invalid; the planner checks it).</param>
/// <param name="Precision">The element type.</param>
/// <param name="InputGradient">Whether Backward computes the gradient with respect to the input.</param>
/// <param name="Layers">The layers, in declaration order.</param>
/// <param name="Loss">The loss, or null for an inference-only model.</param>
/// <param name="ModelLocation">The [Model] attribute.</param>
/// <param name="Diagnostics">Problems found while parsing.</param>
/// <param name="HasBindingErrors">
/// True when the compiler could not bind an attribute's arguments: it reports those errors itself,
/// and nothing is generated until they are fixed.
/// </param>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    EquatableArray<int> Input,
    Precision Precision,
    bool InputGradient,
    EquatableArray<LayerSpec> Layers,
    LossSpec? Loss,
    SourceSpan? ModelLocation,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool HasBindingErrors)
{
    /// <summary>The C# keyword of the element type.</summary>
    public string ElementType => Precision == Precision.Double ? "double" : "float";

    /// <summary>The class name with its containing types: Outer.Model.</summary>
    public string QualifiedName
    {
        get
        {
            var name = new System.Text.StringBuilder();
            foreach (ContainingType type in ContainingTypes)
                name.Append(type.Name).Append('.');
            return name.Append(ClassName).ToString();
        }
    }
}

/// <summary>A type a model class is nested in.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">Its name.</param>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>Mirrors Precast.Precision: the element type a model computes in.</summary>
internal enum Precision
{
    Single = 0,
    Double = 1,
}
