using System.Collections.Generic;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>
/// What the losses that read each output row as class scores and apply a softmax to them share
/// (cross-entropy against labels or probabilities, the KL divergence): the output must be one vector
/// of at least two scores per sample, a Softmax layer before them is redundant, and Predict returns
/// the softmax.
/// </summary>
/// <param name="Location">The [Loss] attribute.</param>
internal abstract record SoftmaxLoss(SourceSpan? Location) : LossSpec(Location)
{
    public sealed override string? BuiltInActivation => "Softmax";

    public sealed override string PredictionDescription => "the probability of each class (softmax of the outputs)";

    /// <summary>Reports (PC0008) an output that is not one vector per sample, or has fewer than two classes.</summary>
    public sealed override bool Fits(Shape output, string producer, List<DiagnosticInfo> diagnostics)
    {
        if (output.Rank != 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.Descriptors.LossDoesNotFit, Location,
                Kind, "needs a vector of class scores", producer, output.ToString(), "add [Flatten] where each sample should become one vector (Dense works on the last axis and keeps the others), then a [Dense(classes)]"));
            return false;
        }
        if (output[0] < 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.Descriptors.LossDoesNotFit, Location,
                Kind, "needs at least 2 class scores", producer, output.ToString(),
                "for a yes/no output use Loss.SigmoidBinaryCrossEntropy, or give the last layer one output per class"));
            return false;
        }
        return true;
    }

    /// <summary>The core's loss value for a loss with label smoothing ε: none (the struct's default) when ε is 0.</summary>
    protected string? WithLabelSmoothing(string elementType, double labelSmoothing) =>
        labelSmoothing == 0 ? null : $"new {RuntimeType(elementType)}({Literals.Typed(labelSmoothing, elementType)})";
}
