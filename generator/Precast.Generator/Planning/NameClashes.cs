using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Diagnostics;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// Checks that every identifier Precast generates is free: distinct from each other (layers
/// 'Hidden' and 'DHidden' would both want _dHiddenOut), from the class's own name (C# forbids a
/// member named like its class), from the members the user declared on the class, and from the
/// members it inherits (a generated member would hide them). Each clash is reported where the user
/// can fix it: the layer's attribute, the class name, the user's member, or the base class.
/// </summary>
internal static class NameClashes
{
    private const string ModelPurpose = "for the model's own API and state";

    /// <summary>The members every model has, against the user's members and the class name; false on a clash.</summary>
    public static bool CheckFixedMembers(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        var owners = ModelOwners(spec);
        CheckClassName(spec, owners, diagnostics);
        CheckUserMembers(spec, owners, diagnostics);
        return diagnostics.Count == before;
    }

    private static Dictionary<string, Owner> ModelOwners(ModelSpec spec) =>
        MemberNames.ModelMembers(spec).ToDictionary(member => member.Name, member => new Owner(ModelPurpose, member.Signatures));

    /// <summary>Who generates a name and why, and for a method its overloads' signatures.</summary>
    private sealed record Owner(string Purpose, IReadOnlyList<string>? Signatures)
    {
        /// <summary>
        /// Whether <paramref name="member"/> cannot live beside the generated member (CS0102, CS0111)
        /// or would be hidden by it (CS0108): always, unless both are methods with different signatures.
        /// </summary>
        public bool ClashesWith(UserMember member) =>
            Signatures is null || member.Signature is null || Signatures.Contains(member.Signature);
    }

    /// <summary>
    /// The names derived from layer paths, against each other and everything the user has: parameter
    /// views are members of the class; tensor and buffer locals only need to differ from each other
    /// and from the passes' own names (a local may shadow a user's member).
    /// </summary>
    public static void CheckLayerMembers(ModelSpec spec, ModelPlan plan, List<DiagnosticInfo> diagnostics)
    {
        var owners = ModelOwners(spec).ToDictionary(pair => pair.Key, pair => pair.Value.Purpose);
        foreach (string local in MemberNames.PassLocals)
            owners[local] = ModelPurpose;
        var members = new Dictionary<string, Owner>();
        foreach (NodePlan node in plan.Nodes)
        {
            foreach ((string name, bool isMember) in Identifiers(node, plan))
            {
                if (owners.TryGetValue(name, out string? owner))
                {
                    if (owner == node.Display)
                        continue;
                    string needs = owner == ModelPurpose ? "the model's own API and state" : owner;
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameClash, node.UseSite,
                        $"Layer name '{node.Path}'", name, needs, "give the layer another name"));
                    break;
                }
                owners.Add(name, node.Display);
                if (isMember)
                    members.Add(name, new Owner($"for {node.Display}", null));
            }
        }
        CheckClassName(spec, members, diagnostics);
        CheckUserMembers(spec, members, diagnostics);
    }

    private static void CheckClassName(ModelSpec spec, Dictionary<string, Owner> owners, List<DiagnosticInfo> diagnostics)
    {
        if (owners.TryGetValue(spec.ClassName, out Owner? owner))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameClash, spec.Declaration.Identifier,
                $"Model name '{spec.ClassName}'", spec.ClassName, Needs(owner.Purpose),
                "C# does not allow a member with its class's name, so rename the class"));
        }
    }

    private static string Needs(string purpose) => purpose == ModelPurpose ? "the model's own API and state" : purpose.Substring("for ".Length);

    private static void CheckUserMembers(ModelSpec spec, Dictionary<string, Owner> generated, List<DiagnosticInfo> diagnostics)
    {
        TypeDeclaration declaration = spec.Declaration;
        foreach (UserMember member in declaration.Members)
        {
            if (generated.TryGetValue(member.Name, out Owner? owner) && owner.ClashesWith(member))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.MemberClash, member.Location ?? declaration.Identifier,
                    $"'{declaration.ClassName}' declares a {member.Kind} '{member.Name}'", member.Name, owner.Purpose,
                    owner.Purpose == ModelPurpose ? $"rename your {member.Kind}" : $"rename your {member.Kind} or the layer"));
            }
        }
        if (declaration.BaseType is not { } baseType)
            return;
        // One report per name, however many overloads the base class has.
        foreach (string name in baseType.Members.Where(m => generated.TryGetValue(m.Name, out Owner? o) && o.ClashesWith(m)).Select(m => m.Name).Distinct())
        {
            string purpose = generated[name].Purpose;
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MemberClash, baseType.Location ?? declaration.Identifier,
                $"'{declaration.ClassName}' inherits a member '{name}' from '{baseType.Name}'", name, purpose,
                $"the generated member would hide it, so rename it in '{baseType.Name}'{(purpose == ModelPurpose ? "" : " or rename the layer")}"));
        }
    }

    /// <summary>The names a node's code uses, and whether each is a member of the class (rather than a local).</summary>
    private static IEnumerable<(string Name, bool IsMember)> Identifiers(NodePlan node, ModelPlan plan)
    {
        if (node.Layer.IsView)
            yield break;
        TensorPlan output = plan.Tensors[node.Output];
        yield return (output.Local, false);
        if (output.HasGradient)
            yield return (output.GradientLocal, false);
        foreach (BufferPlan buffer in node.Buffers)
            yield return (buffer.Local, false);
        foreach (ParameterPlan parameter in node.Parameters)
        {
            yield return (parameter.PropertyName, true);
            yield return (parameter.PropertyName + "Gradient", true);
        }
        foreach (StatePlan state in node.States)
            yield return (state.PropertyName, true);
        foreach (string suffix in node.Layer.MemberSuffixes)
            yield return (MemberNames.LayerMember(node.Path, suffix), true);
    }
}
