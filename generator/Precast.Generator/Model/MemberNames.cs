using System.Collections.Generic;

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
    /// A user member of the same name, declared or inherited, would clash with or be hidden by them.
    /// </summary>
    public static IEnumerable<string> ModelMembers(ModelSpec spec)
    {
        string[] always =
        {
            "InputSize", "OutputSize", "ParameterCount", "InputShape", "OutputShape", "MaxBatch", "Parameters", "Gradients",
            "ParameterTensors", "State", "StateTensors", "IsTraining", "ZeroGradients", "Forward", "Backward", "Predict", "Summary",
        };
        foreach (string name in always)
            yield return name;
        if (spec.InputGradient)
            yield return "InputGradient";
        if (spec.Loss is { } loss)
        {
            yield return "ComputeLoss";
            yield return "TrainStep";
            if (loss.UsesClassLabels)
            {
                yield return "PredictClasses";
                yield return "PredictClass";
            }
        }
        foreach (string name in Private)
            yield return name;
    }

    /// <summary>The private members a model may have; reserved whether or not this model needs each.</summary>
    private static readonly string[] Private =
    {
        "StateCount", "WorkspaceValuesPerSample", "s_layout", "s_parameterTensors", "s_stateTensors", "_core", "_rng",
    };

    /// <summary>The names the passes use for themselves, which no layer's locals may take.</summary>
    public static readonly IReadOnlyList<string> PassLocals = new[] { "input", "batch", "training", "workspace", "dInput" };

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

    /// <summary>The view property of a parameter's gradient: HiddenWeightGradient.</summary>
    public static string GradientView(string path, string tensor) => ParameterView(path, tensor) + "Gradient";
}
