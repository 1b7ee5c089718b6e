using System.Collections.Generic;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.KLDivergence: a target distribution per sample against the softmax of a vector of class scores.</summary>
internal sealed record KLDivergenceLoss(SourceSpan? Location) : LossSpec(Location)
{
    public override string Kind => "KLDivergence";

    public override string Formula => "loss = mean over the batch of Σ t[n]·(log t[n] − log softmax(x[n])), 0·log 0 = 0";

    public override string? BuiltInActivation => "Softmax";

    public override string PredictionDescription => "the probability of each class (softmax of the outputs)";

    public override bool Fits(Shape output, string producer, List<DiagnosticInfo> diagnostics) => FitsClassScores(output, producer, diagnostics);
}
