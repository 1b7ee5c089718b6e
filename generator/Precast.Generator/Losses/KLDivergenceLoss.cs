using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.KLDivergence: a target distribution per sample against the softmax of a vector of class scores.</summary>
internal sealed record KLDivergenceLoss(SourceSpan? Location) : SoftmaxLoss(Location)
{
    public override string Kind => "KLDivergence";

    public override string Formula => "loss = mean over the batch of Σ t[n]·(log t[n] − log softmax(x[n])), 0·log 0 = 0";
}
