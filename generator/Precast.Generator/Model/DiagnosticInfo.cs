using System.Linq;
using Microsoft.CodeAnalysis;

namespace Precast.Generator.Model;

/// <summary>
/// A diagnostic as plain equatable data, carried through the pipeline and turned into a
/// <see cref="Diagnostic"/> only when it is reported. Arguments are preformatted strings.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SourceSpan? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan? location, params object[] arguments) =>
        new(descriptor, location, arguments.Select(Format).ToEquatableArray());

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    /// <summary>The diagnostic, placed in <paramref name="tree"/> (the user's file it points at, when the compilation has it).</summary>
    public Diagnostic ToDiagnostic(SyntaxTree? tree) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(tree), Arguments.Select(a => (object)a).ToArray());

    // Numbers read best with thousands separators, the same on every machine.
    private static string Format(object argument) => argument switch
    {
        int number => number.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        long number => number.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        System.Numerics.BigInteger number => number.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => argument.ToString() ?? "",
    };
}
