using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.SoftmaxCrossEntropyWithProbabilities: a target distribution per sample against a vector of class scores, optionally with label smoothing.</summary>
internal sealed record SoftmaxCrossEntropyWithProbabilitiesLoss(SourceSpan? Location, double LabelSmoothing) : SoftmaxLoss(Location)
{
    public override string Kind => "SoftmaxCrossEntropyWithProbabilities";

    public override string Formula => LabelSmoothing == 0
        ? "loss = mean over the batch of −Σ t[n]·log softmax(x[n])"
        : $"loss = mean over the batch of −Σ ((1 − ε)·t[n] + ε/classes)·log softmax(x[n]), label smoothing ε = {Literals.Readable(LabelSmoothing)}";

    public override bool TakesLabelSmoothing => true;

    public override string? RuntimeValue(string elementType) => WithLabelSmoothing(elementType, LabelSmoothing);
}
