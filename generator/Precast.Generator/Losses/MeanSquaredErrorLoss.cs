using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.MeanSquaredError: real-valued targets, mean over every output.</summary>
internal sealed record MeanSquaredErrorLoss(SourceSpan? Location) : LossSpec(Location)
{
    public override string Kind => "MeanSquaredError";

    public override string Formula => "loss = mean over every output of (y − t)²";

    public override string PredictionDescription => "the outputs themselves";
}
