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
    /// A user member of the same name, declared or inherited, would clash with or be hidden by them.
    /// </summary>
    public static IEnumerable<string> ModelMembers(ModelSpec spec)
    {
        string[] always =
        {
            "InputSize", "OutputSize", "ParameterCount", "InputShape", "OutputShape", "MaxBatch", "Parameters", "Gradients",
            "ParameterTensors", "IsTraining", "ZeroGradients", "Forward", "Backward", "Predict", "Summary",
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
