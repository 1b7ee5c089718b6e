using System.Collections.Generic;

namespace Precast.Generator.Model;

/// <summary>
/// Every identifier the emitter derives from a layer's name, in one place, so the emitter and the
/// planner's clash check cannot disagree. A layer's output lives in _{name}Out and its gradient
/// in _d{Name}Out ("d" for gradients, as in the formulas); its methods are Forward{Name} and
/// Backward{Name}; its parameters are {Name}{Tensor} with a {Name}{Tensor}Gradient beside each.
/// </summary>
internal static class MemberNames
{
    /// <summary>
    /// The members the model's own code needs whatever its layers: its public API (only what the
    /// declaration asks for: ComputeLoss and TrainStep only with a loss, ...) and its private state.
    /// A user member of the same name, declared or inherited, would clash with or be hidden by them,
    /// except a method that overloads a generated one (another signature).
    /// </summary>
    public static IEnumerable<GeneratedMember> ModelMembers(ModelSpec spec)
    {
        string t = spec.ElementType;
        string readOnly = $"global::System.ReadOnlySpan<{t}>";
        string span = $"global::System.Span<{t}>";
        string[] properties = { "InputSize", "OutputSize", "ParameterCount", "InputShape", "OutputShape", "MaxBatch", "Parameters", "Gradients", "ParameterTensors", "IsTraining" };
        foreach (string name in properties)
            yield return new GeneratedMember(name, null);
        yield return Method("ZeroGradients");
        yield return Method("Forward", readOnly);
        yield return spec.Loss is null
            ? Method("Backward", readOnly)
            : new GeneratedMember("Backward", new[] { Signature(new[] { readOnly }, 0), Signature(new string[0], 0) });
        yield return Method("Predict", readOnly, span);
        yield return Method("Summary");
        if (spec.InputGradient)
            yield return new GeneratedMember("InputGradient", null);
        if (spec.Loss is { } loss)
        {
            string targets = $"global::System.ReadOnlySpan<{loss.TargetType(t)}>";
            yield return Method("ComputeLoss", targets);
            yield return Method("TrainStep", readOnly, targets);
            if (loss.UsesClassLabels)
            {
                yield return Method("PredictClasses", readOnly, "global::System.Span<int>");
                yield return Method("PredictClass", readOnly);
            }
        }
        foreach (string name in Private)
            yield return new GeneratedMember(name, null);
    }

    private static GeneratedMember Method(string name, params string[] parameters) => new(name, new[] { Signature(parameters, 0) });

    /// <summary>What tells a method's overloads apart: its parameter types, fully qualified, and its number of type parameters.</summary>
    public static string Signature(IEnumerable<string> parameterTypes, int typeParameters) =>
        string.Join(", ", parameterTypes) + "`" + typeParameters.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The private members a model may have; reserved whether or not this model needs each.</summary>
    private static readonly string[] Private =
    {
        "BufferValuesPerSample", "RunForward", "RunBackward", "s_parameterTensors", "s_inputShape", "s_outputShape",
        "_maxBatch", "_parameters", "_gradients", "_input", "_dInput", "_rng", "_batch",
        "_inputGradientBatch", "_hasOutputGradient", "_training",
    };

    public static string OutputField(string layer) => "_" + Names.Camel(layer) + "Out";

    public static string GradientField(string layer) => "_d" + Names.Pascal(layer) + "Out";

    public static string OutputLocal(string layer) => Names.Camel(layer) + "Out";

    public static string GradientLocal(string layer) => "d" + Names.Pascal(layer) + "Out";

    public static string ForwardMethod(string layer) => "Forward" + Names.Pascal(layer);

    public static string BackwardMethod(string layer) => "Backward" + Names.Pascal(layer);

    public static string ParameterView(string layer, string tensor) => Names.Pascal(layer) + Names.Pascal(tensor);

    public static string GradientView(string layer, string tensor) => ParameterView(layer, tensor) + "Gradient";

    public static string LayerBuffer(string layer, string suffix) => "_" + Names.Camel(layer) + suffix;
}

/// <summary>A member the generated code declares.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Signatures">For a method, the signature of each overload (<see cref="MemberNames.Signature"/>); null for any other member, which no user member may share a name with.</param>
internal sealed record GeneratedMember(string Name, IReadOnlyList<string>? Signatures);
