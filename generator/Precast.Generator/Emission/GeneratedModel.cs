using System;
using Precast.Generator.Diagnostics;
using Precast.Generator.Model;
using Precast.Generator.Planning;

namespace Precast.Generator.Emission;

/// <summary>What the generator adds for one model: the source (when the model is valid) and the diagnostics.</summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Source">The generated C#, or null when an error prevents generation.</param>
/// <param name="Diagnostics">Everything to report.</param>
internal sealed record GeneratedModel(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static GeneratedModel From(ModelPlan plan)
    {
        string hintName = ModelEmitter.HintName(plan.Spec);
        if (!plan.CanEmit)
            return new GeneratedModel(hintName, null, plan.Diagnostics);
        try
        {
            return new GeneratedModel(hintName, ModelEmitter.Emit(plan), plan.Diagnostics);
        }
        catch (Exception exception)
        {
            // Emission is a pure function of a checked plan and should not fail; if it does, say so.
            var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>(plan.Diagnostics)
            {
                DiagnosticInfo.Create(Descriptors.InternalError, plan.Spec.ModelLocation, plan.Spec.ClassName, exception.Message),
            };
            return new GeneratedModel(hintName, null, diagnostics.ToEquatableArray());
        }
    }
}
