using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// What a layer's shape rule may consult besides its input shapes, and where it reports problems.
/// A layer inside a block reports on the attribute where the model uses the block (the user's own
/// code, where the fix starts) and is named by its path there: <c>Dense 'Stage.0.Dense1'</c>.
/// </summary>
/// <param name="Display">How messages name the layer: <c>Dense 'Stage.0.Dense1'</c>.</param>
/// <param name="Producers">Who produces each input, for messages: "Relu 'Relu1'" or "the model input".</param>
/// <param name="Location">Where problems are reported.</param>
/// <param name="Precision">The model's element type: a float argument must be finite in it.</param>
/// <param name="Diagnostics">Where problems go.</param>
internal sealed record ShapeContext(
    string Display, IReadOnlyList<string> Producers, SourceSpan? Location, Precision Precision, List<DiagnosticInfo> Diagnostics)
{
    /// <summary>Who produces the (first) input.</summary>
    public string Producer => Producers[0];

    /// <summary>The element type's name, for messages: float or double.</summary>
    public string ElementType => Precision == Precision.Double ? "double" : "float";

    /// <summary>The value as the model computes with it: rounded to float for single-precision models.</summary>
    public double InPrecision(double value) => Precision == Precision.Double ? value : (float)value;

    /// <summary>Reports that an argument is invalid (PC0009) and returns null, so a shape rule can <c>return context.Invalid(...)</c>.</summary>
    public Shape? Invalid(string argument, object value, string expectation) =>
        Report(Precast.Generator.Diagnostics.Descriptors.InvalidArgument, argument, Display, value, expectation);

    /// <summary>Reports a problem at <see cref="Location"/> and returns null.</summary>
    public Shape? Report(DiagnosticDescriptor descriptor, params object[] arguments)
    {
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, Location, arguments));
        return null;
    }
}
