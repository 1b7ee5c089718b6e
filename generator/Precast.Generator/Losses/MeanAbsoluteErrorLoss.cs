using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.MeanAbsoluteError: real-valued targets, mean over every output.</summary>
internal sealed record MeanAbsoluteErrorLoss(SourceSpan? Location) : LossSpec(Location)
{
    public override string Kind => "MeanAbsoluteError";

    public override string Formula => "loss = mean over every output of |y − t|";

    public override string PredictionDescription => "the outputs themselves";
}
