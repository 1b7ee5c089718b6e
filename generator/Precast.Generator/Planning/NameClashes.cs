using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Diagnostics;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// Checks that the identifiers derived from layer names are all distinct, from each other, from
/// the members every model has, and from the class name (C# forbids a member named like its
/// class). Distinct layer names are not enough: layers 'Hidden' and 'DHidden' would both want
/// _dHiddenOut.
/// </summary>
internal static class NameClashes
{
    private const string Model = "every Precast model";

    public static void Check(ModelSpec spec, IReadOnlyList<LayerPlan> layers, List<DiagnosticInfo> diagnostics)
    {
        var owners = MemberNames.Fixed.ToDictionary(name => name, _ => Model);
        foreach (LayerPlan layer in layers)
        {
            foreach (string name in Identifiers(layer))
            {
                if (owners.TryGetValue(name, out string? owner))
                {
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameClash, layer.Spec.Location,
                        $"Layer name '{layer.Spec.Name}'", name, owner, "give the layer another name"));
                    break;
                }
                owners.Add(name, layer.Spec.Display);
            }
        }
        if (owners.TryGetValue(spec.ClassName, out string? member))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameClash, spec.ModelLocation,
                $"Model name '{spec.ClassName}'", spec.ClassName, member,
                "C# does not allow a member with its class's name, so rename the class"));
        }
    }

    private static IEnumerable<string> Identifiers(LayerPlan layer)
    {
        string name = layer.Spec.Name;
        if (layer.Spec.IsView)
            yield break;
        yield return MemberNames.OutputField(name);
        yield return MemberNames.GradientField(name);
        yield return MemberNames.OutputLocal(name);
        yield return MemberNames.GradientLocal(name);
        yield return MemberNames.ForwardMethod(name);
        yield return MemberNames.BackwardMethod(name);
        foreach (ParameterPlan parameter in layer.Parameters)
        {
            yield return MemberNames.ParameterView(name, parameter.Spec.Suffix);
            yield return MemberNames.GradientView(name, parameter.Spec.Suffix);
        }
        foreach (BufferSpec buffer in layer.Spec.GetBuffers(layer.Output.Shape))
            yield return MemberNames.LayerBuffer(name, buffer.Suffix);
    }
}
