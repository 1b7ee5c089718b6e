using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.SigmoidBinaryCrossEntropy: targets in [0, 1] against logits, stable from the logits.</summary>
internal sealed record SigmoidBinaryCrossEntropyLoss(SourceSpan? Location) : LossSpec(Location)
{
    public override string Kind => "SigmoidBinaryCrossEntropy";

    public override string Formula => "loss = mean over every output of max(x, 0) − x·z + log(1 + exp(−|x|))";

    public override string? BuiltInActivation => "Sigmoid";

    public override string PredictionDescription => "the probability of each output being 1 (sigmoid of the outputs)";
}
