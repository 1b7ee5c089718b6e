using System.Collections.Generic;
using Precast.Generator.Model;

namespace Precast.Generator.Emission;

/// <summary>
/// The model's public surface after an error in its network: the same constructor, constants and
/// members as a working model (<see cref="ApiSignatures"/>), each throwing. Code that uses the
/// model then compiles, so the build shows Precast's error on the attribute at fault rather than a
/// cascade of "no constructor takes 2 arguments" and "no member named TrainStep" in the user's
/// code. The build still fails on that error; the throwing bodies only matter if someone silences it.
/// </summary>
internal static class StubEmitter
{
    public static string Emit(ModelSpec spec)
    {
        var api = ApiSignatures.For(spec);
        string name = spec.ClassName;
        string fail = $"throw global::Precast.Guard.NotGenerated(\"{name}\")";
        return ModelEmitter.Frame(spec, api.Interface, Documentation(spec), w =>
        {
            // A stand-in: its members are documented once the model compiles.
            w.Line("#pragma warning disable CS1591");
            w.Line("public const int InputSize = 0;");
            w.Line("public const int OutputSize = 0;");
            w.Line("public const int ParameterCount = 0;");
            w.Line("public static global::System.ReadOnlySpan<int> InputShape => default;");
            w.Line("public static global::System.ReadOnlySpan<int> OutputShape => default;");
            w.Line($"{api.Constructor(spec.Declaration.EscapedName)} => {fail};");
            w.Line($"{api.MaxBatch} => {fail};");
            w.Line($"{api.Parameters} => {fail};");
            w.Line($"{api.Gradients} => {fail};");
            w.Line($"{api.ParameterTensors} => {fail};");
            w.Line($"{api.State} => {fail};");
            w.Line($"{api.StateTensors} => {fail};");
            w.Line($"{api.IsTraining} {{ get => {fail}; set => {fail}; }}");
            if (spec.InputGradient)
                w.Line($"{api.InputGradient} => {fail};");
            w.Line($"{api.ZeroGradients} => {fail};");
            w.Line($"{api.Forward} => {fail};");
            w.Line($"{api.BackwardWithGradient} => {fail};");
            if (spec.Loss is { } loss)
            {
                w.Line($"{api.ComputeLoss} => {fail};");
                w.Line($"{api.Backward} => {fail};");
                w.Line($"{api.TrainStep} => {fail};");
                if (loss.UsesClassLabels)
                {
                    w.Line($"{api.PredictClasses} => {fail};");
                    w.Line($"{api.PredictClass} => {fail};");
                }
            }
            w.Line($"{api.Predict} => {fail};");
            w.Line($"{api.Summary} => {fail};");
            foreach (string member in api.InterfaceMembers(name, "0", "0", "0", $"{{ get => {fail}; set => {fail}; }}"))
                w.Line(member);
        });
    }

    private static IEnumerable<string> Documentation(ModelSpec spec)
    {
        if (!spec.Declaration.HasSummary)
            yield return $"/// <summary>Precast model '{ModelEmitter.Xml(spec.ClassName)}', not generated: its declaration has errors (see the Precast diagnostics).</summary>";
    }
}
