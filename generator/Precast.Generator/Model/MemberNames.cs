using System.Collections.Generic;
using System.Linq;

namespace Precast.Generator.Model;

/// <summary>
/// Every identifier the emitter derives from a layer's path, in one place, so the emitter and the
/// planner's clash check cannot disagree. In the passes a layer's output is the span local
/// {name}Out and its gradient d{Name}Out ("d" for gradients, as in the formulas); its parameters
/// are the properties {Name}{Tensor} with a {Name}{Tensor}Gradient beside each. A nested layer's
/// name is its path with '_' for '.': Stage_0_Dense1Weight.
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
        string[] properties =
        {
            "InputSize", "OutputSize", "ParameterCount", "InputShape", "OutputShape", "MaxBatch", "Parameters", "Gradients",
            "ParameterTensors", "State", "StateTensors", "IsTraining",
        };
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
        "StateCount", "WorkspaceValuesPerSample", "s_layout", "s_parameterTensors", "s_stateTensors", "_core", "_rng",
    };

    /// <summary>The names the passes use for themselves, which no layer's locals may take.</summary>
    public static readonly IReadOnlyList<string> PassLocals = new[] { "input", "batch", "training", "workspace", "scratch", "dInput" };

    /// <summary>A path as one identifier: Stage.0.Dense1 becomes Stage_0_Dense1.</summary>
    public static string Flat(string path) => path.Replace('.', '_');

    /// <summary>The span local that holds a node's output in the passes: hiddenOut, stage_0_Dense1Out.</summary>
    public static string OutputLocal(string path) => Names.Camel(Flat(path)) + "Out";

    /// <summary>The span local that holds the gradient of a node's output: dHiddenOut.</summary>
    public static string GradientLocal(string path) => "d" + Names.Pascal(Flat(path)) + "Out";

    /// <summary>The span local of a layer buffer: dropout1Mask.</summary>
    public static string BufferLocal(string path, string suffix) => Names.Camel(Flat(path)) + suffix;

    /// <summary>The view property of a parameter: HiddenWeight, Stage_0_Dense1Weight.</summary>
    public static string ParameterView(string path, string tensor) => Names.Pascal(Flat(path)) + Names.Pascal(tensor);

    /// <summary>The view property of a non-trainable tensor, its snake_case checkpoint suffix in Pascal case: Norm1RunningMean.</summary>
    public static string StateView(string path, string tensor) =>
        Names.Pascal(Flat(path)) + string.Concat(tensor.Split('_').Where(part => part.Length > 0).Select(Names.Pascal));

    /// <summary>A static member a layer's code uses, such as a convolution's geometry: s_conv1Geometry.</summary>
    public static string LayerMember(string path, string suffix) => "s_" + Names.Camel(Flat(path)) + suffix;

    /// <summary>The view property of a parameter's gradient: HiddenWeightGradient.</summary>
    public static string GradientView(string path, string tensor) => ParameterView(path, tensor) + "Gradient";
}

/// <summary>A member the generated code declares.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Signatures">For a method, the signature of each overload (<see cref="MemberNames.Signature"/>); null for any other member, which no user member may share a name with.</param>
internal sealed record GeneratedMember(string Name, IReadOnlyList<string>? Signatures);
