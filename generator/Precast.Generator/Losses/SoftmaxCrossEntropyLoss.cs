using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.SoftmaxCrossEntropy: integer labels against a vector of class scores, optionally with label smoothing.</summary>
internal sealed record SoftmaxCrossEntropyLoss(SourceSpan? Location, double LabelSmoothing) : SoftmaxLoss(Location)
{
    public override string Kind => "SoftmaxCrossEntropy";

    public override string Formula => LabelSmoothing == 0
        ? "loss = mean over the batch of logsumexp(x[n]) − x[n, label[n]]"
        : $"loss = mean over the batch of logsumexp(x[n]) − (1 − ε)·x[n, label[n]] − ε·mean(x[n]), label smoothing ε = {Literals.Readable(LabelSmoothing)}";

    public override bool UsesClassLabels => true;

    public override bool TakesLabelSmoothing => true;

    public override string? RuntimeValue(string elementType) => WithLabelSmoothing(elementType, LabelSmoothing);
}
