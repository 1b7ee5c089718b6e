using System.Collections.Generic;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>What a layer's shape rule may consult besides its input shape, and where it reports problems.</summary>
/// <param name="Producer">Who produces the input, for messages: "Relu 'Relu1'" or "the model input".</param>
/// <param name="Precision">The model's element type: a float argument must be finite in it.</param>
/// <param name="Diagnostics">Where problems go.</param>
internal sealed record ShapeContext(string Producer, Precision Precision, List<DiagnosticInfo> Diagnostics)
{
    /// <summary>The element type's name, for messages: float or double.</summary>
    public string ElementType => Precision == Precision.Double ? "double" : "float";

    /// <summary>The value as the model computes with it: rounded to float for single-precision models.</summary>
    public double InPrecision(double value) => Precision == Precision.Double ? value : (float)value;

    /// <summary>Reports that an argument is invalid and returns null, so a shape rule can <c>return context.Invalid(...)</c>.</summary>
    public Shape? Invalid(SourceSpan? location, string argument, string layer, object value, string expectation)
    {
        Diagnostics.Add(DiagnosticInfo.Create(Precast.Generator.Diagnostics.Descriptors.InvalidArgument, location, argument, layer, value, expectation));
        return null;
    }

    /// <summary>Reports a problem and returns null.</summary>
    public Shape? Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceSpan? location, params object[] arguments)
    {
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        return null;
    }
}
