using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>
/// The options written on [Loss(...)] as named arguments, each null when not written, and the rules
/// they must keep. A loss says which options it takes (<see cref="LossSpec.TakesLabelSmoothing"/>,
/// <see cref="LossSpec.TakesDelta"/>); an option it does not take, or a value it cannot train with,
/// is PC0009 on the attribute.
/// </summary>
/// <param name="LabelSmoothing">LabelSmoothing = ε, or null.</param>
/// <param name="Delta">Delta = δ, or null.</param>
internal sealed record LossArguments(double? LabelSmoothing, double? Delta)
{
    /// <summary>No options written.</summary>
    public static LossArguments None { get; } = new(null, null);

    /// <summary>The named arguments of a [Loss] attribute.</summary>
    public static LossArguments Read(AttributeData attribute) =>
        new(NamedDouble(attribute, "LabelSmoothing"), NamedDouble(attribute, "Delta"));

    /// <summary>Reports each option <paramref name="loss"/> does not take or cannot train with, for a model of <paramref name="precision"/>.</summary>
    public void Check(LossSpec loss, Precision precision, List<DiagnosticInfo> diagnostics)
    {
        string owner = "Loss." + loss.Kind;
        if (LabelSmoothing is { } smoothing)
        {
            if (!loss.TakesLabelSmoothing)
            {
                Report(diagnostics, loss, "LabelSmoothing", owner, smoothing,
                    "only Loss.SoftmaxCrossEntropy and Loss.SoftmaxCrossEntropyWithProbabilities smooth their targets, so remove it");
            }
            else if (!(smoothing >= 0 && smoothing <= 1))
            {
                Report(diagnostics, loss, "LabelSmoothing", owner, smoothing,
                    "it is the share of each target spread evenly over the classes and must be from 0 to 1, such as 0.1");
            }
        }
        if (Delta is { } delta)
        {
            if (!loss.TakesDelta)
            {
                Report(diagnostics, loss, "Delta", owner, delta, "only Loss.Huber takes a delta, so remove it");
            }
            else
            {
                // Checked as the model computes with it: 1e-50 is 0 in float, and 1e39 infinite.
                double computed = precision == Precision.Double ? delta : (float)delta;
                if (!(computed > 0 && !double.IsInfinity(computed)))
                {
                    Report(diagnostics, loss, "Delta", owner, delta,
                        $"it is where the loss turns from quadratic to linear and must be positive and finite (as a {(precision == Precision.Double ? "double" : "float")}), such as 1");
                }
            }
        }
    }

    private static void Report(List<DiagnosticInfo> diagnostics, LossSpec loss, string argument, string owner, double value, string expectation) =>
        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.Descriptors.InvalidArgument, loss.Location, argument, owner, value, expectation));

    private static double? NamedDouble(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is double value)
                return value;
        }
        return null;
    }
}
