using System.Collections.Generic;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.SoftmaxCrossEntropy: integer labels against a vector of class scores.</summary>
internal sealed record SoftmaxCrossEntropyLoss(SourceSpan? Location) : LossSpec(Location)
{
    public override string Kind => "SoftmaxCrossEntropy";

    public override string Formula => "loss = mean over the batch of logsumexp(x[n]) − x[n, label[n]]";

    public override bool UsesClassLabels => true;

    public override string? BuiltInActivation => "Softmax";

    public override string PredictionDescription => "the probability of each class (softmax of the outputs)";

    public override bool Fits(Shape output, string producer, List<DiagnosticInfo> diagnostics)
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
}
