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
    /// <summary>Members every generated model may have, whatever its layers.</summary>
    public static readonly IReadOnlyList<string> Fixed = new[]
    {
        "InputSize", "OutputSize", "ParameterCount", "InputShape", "OutputShape", "BufferValuesPerSample",
        "MaxBatch", "Parameters", "Gradients", "ParameterTensors", "IsTraining", "InputGradient",
        "ZeroGradients", "Forward", "Backward", "ComputeLoss", "TrainStep", "Predict", "PredictClasses",
        "PredictClass", "Summary", "RunForward", "RunBackward", "s_parameterTensors", "s_inputShape", "s_outputShape",
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
