using System;
using Precast.Generator.Diagnostics;
using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>What the generator adds for one model: the source and the diagnostics.</summary>
/// <param name="FullName">The model's full name, from which its file's hint name is made (<see cref="HintNames"/>).</param>
/// <param name="Source">
/// The generated C#: the model, or after an error in the network its public surface with members
/// that throw (<see cref="StubEmitter"/>), or null when the declaration itself cannot take a
/// generated half (not partial, static, ...).
/// </param>
/// <param name="Diagnostics">Everything to report.</param>
internal sealed record GeneratedModel(string FullName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static GeneratedModel From(ModelPlan plan)
    {
        string fullName = plan.Spec.Declaration.FullName;
        try
        {
            if (plan.CanEmit)
                return new GeneratedModel(fullName, ModelEmitter.Emit(plan), plan.Diagnostics);
            return new GeneratedModel(fullName, plan.CanEmitSurface ? StubEmitter.Emit(plan.Spec) : null, plan.Diagnostics);
        }
        catch (Exception exception)
        {
            // Emission is a pure function of a checked plan and should not fail; if it does, say so.
            var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>(plan.Diagnostics)
            {
                DiagnosticInfo.Create(Descriptors.InternalError, plan.Spec.ModelLocation, plan.Spec.ClassName, exception.Message),
            };
            return new GeneratedModel(fullName, null, diagnostics.ToEquatableArray());
        }
    }
}
