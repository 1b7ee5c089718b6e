using System;
using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Diagnostics;
using Precast.Generator.Layers;
using Precast.Generator.Model;

namespace Precast.Generator.Planning;

/// <summary>
/// Shape inference: a pure function from the declared model to the checked plan. It walks the
/// layers in order, asks each for its output shape, lays the parameters out one after another in
/// the flat buffer, and reports every mismatch on the attribute that causes it.
/// </summary>
internal static class ModelPlanner
{
    private const string ModelInput = "the model input";

    public static ModelPlan Plan(ModelSpec spec)
    {
        var diagnostics = new List<DiagnosticInfo>(spec.Diagnostics);
        try
        {
            return PlanModel(spec, diagnostics);
        }
        catch (Exception exception)
        {
            // Never throw out of the generator: an unexpected state becomes a diagnostic.
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InternalError, spec.ModelLocation, spec.ClassName, exception.Message));
            return Unplanned(spec, diagnostics, surfaceIsFree: false);
        }
    }

    private static ModelPlan PlanModel(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (spec.HasBindingErrors)
        {
            // The compiler's errors come first; Precast reports nothing until they are fixed, but
            // still needs to know whether the public surface can be emitted meanwhile.
            bool free = NameClashes.CheckFixedMembers(spec, new List<DiagnosticInfo>());
            return Unplanned(spec, new List<DiagnosticInfo>(), free);
        }

        Shape? input = CheckInput(spec, diagnostics);
        if (spec.Layers.Count == 0)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NoLayers, spec.ModelLocation, spec.ClassName));
        bool namesValid = CheckNames(spec, diagnostics);
        // Members every model has must not clash with the user's, whatever else is wrong: the
        // public surface is emitted even for a model with errors.
        bool surfaceIsFree = NameClashes.CheckFixedMembers(spec, diagnostics);
        // After an error in the declaration itself (attributes on two declarations leave the order
        // undefined, an invalid loss or precision) shapes would only report its consequences.
        if (input is null || spec.Layers.Count == 0 || !namesValid || diagnostics.Any(d => d.IsError))
            return Unplanned(spec, diagnostics, surfaceIsFree);

        var layers = new List<LayerPlan>();
        var parameters = new List<ParameterPlan>();
        long parameterCount = 0;
        int largest = input.Value.Length;
        var current = new TensorPlan(input.Value, null);
        string producer = ModelInput;
        bool gradientFlowsToInput = spec.InputGradient;

        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            Shape? output = layer.InferShape(current.Shape, new ShapeContext(producer, spec.Precision, diagnostics));
            // Later shapes depend on this one; stop rather than report consequences of one mistake.
            if (output is null)
                return Unplanned(spec, diagnostics, surfaceIsFree);
            if (output.Value.CheckedLength > Limits.MaxArrayLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, layer.Location,
                    $"The output of {layer.Display} ({output.Value})", Sizes.Product(output.Value.Dimensions)));
                return Unplanned(spec, diagnostics, surfaceIsFree);
            }

            var layerParameters = new List<ParameterPlan>();
            foreach (ParameterSpec parameter in layer.GetParameters(current.Shape, output.Value))
            {
                long length = parameter.Shape.CheckedLength;
                if (length > Limits.MaxArrayLength)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, layer.Location,
                        $"The {parameter.Suffix} of {layer.Display} ({parameter.Shape})", Sizes.Product(parameter.Shape.Dimensions)));
                    return Unplanned(spec, diagnostics, surfaceIsFree);
                }
                layerParameters.Add(new ParameterPlan(layer.Name, parameter, (int)Math.Min(parameterCount, Limits.MaxArrayLength)));
                parameterCount += length;
            }
            if (parameterCount > Limits.MaxArrayLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, layer.Location, $"Model '{spec.ClassName}' up to {layer.Display}", parameterCount));
                return Unplanned(spec, diagnostics, surfaceIsFree);
            }

            var next = new TensorPlan(output.Value, layer.IsView ? current.Storage : layer.Name);
            layers.Add(new LayerPlan(
                layer,
                i + 1,
                current,
                next,
                layerParameters.ToEquatableArray(),
                NeedsInputGradient: gradientFlowsToInput,
                Next: i + 1 < spec.Layers.Count ? spec.Layers[i + 1] : null));
            parameters.AddRange(layerParameters);
            gradientFlowsToInput |= layerParameters.Count > 0;
            largest = Math.Max(largest, output.Value.Length);
            current = next;
            producer = layer.Display;
        }

        NameClashes.CheckLayerMembers(spec, layers, diagnostics);

        if (spec.Loss is { } loss)
        {
            loss.Fits(current.Shape, producer, diagnostics);
            LayerSpec last = spec.Layers[spec.Layers.Count - 1];
            if (loss.BuiltInActivation == last.Kind)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.RedundantActivation, last.Location, last.Display, loss.Kind, loss.BuiltInActivation));
        }

        return new ModelPlan(spec, input.Value, current, layers.ToEquatableArray(), parameters.ToEquatableArray(),
            (int)parameterCount, largest, diagnostics.ToEquatableArray(), surfaceIsFree);
    }

    private static Shape? CheckInput(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (spec.Input.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MissingInputShape, spec.ModelLocation, spec.ClassName));
            return null;
        }
        for (int axis = 0; axis < spec.Input.Count; axis++)
        {
            if (spec.Input[axis] < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonPositiveSize, spec.ModelLocation,
                    $"Input dimension {axis}", $"model '{spec.ClassName}'", spec.Input[axis]));
                return null;
            }
        }
        var shape = new Shape(spec.Input);
        if (shape.CheckedLength > Limits.MaxArrayLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeTooLarge, spec.ModelLocation,
                $"The input of model '{spec.ClassName}' ({shape})", Sizes.Product(spec.Input)));
            return null;
        }
        return shape;
    }

    /// <summary>
    /// Names become member names, so they must be identifiers, unique even when the case of the
    /// first letter changes. Returns false when one is not, since every member derived from it
    /// would be wrong too (and reporting those would only repeat this).
    /// </summary>
    private static bool CheckNames(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        var seen = new Dictionary<string, LayerSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (LayerSpec layer in spec.Layers)
        {
            if (!Names.IsValid(layer.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidLayerName, layer.Location, layer.Name,
                    "is not a valid name; use letters, digits and underscores, starting with a letter, for example \"Hidden1\""));
            }
            else if (seen.TryGetValue(layer.Name, out LayerSpec? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidLayerName, layer.Location, layer.Name,
                    $"is already used by {first.Display}; each layer needs its own name (compared ignoring case)"));
            }
            else
            {
                seen.Add(layer.Name, layer);
            }
        }
        return diagnostics.Count == before;
    }

    private static ModelPlan Unplanned(ModelSpec spec, List<DiagnosticInfo> diagnostics, bool surfaceIsFree) =>
        new(spec, default, new TensorPlan(default, null), EquatableArray<LayerPlan>.Empty, EquatableArray<ParameterPlan>.Empty,
            0, 0, diagnostics.ToEquatableArray(), surfaceIsFree);
}
