using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Loss.Huber: real-valued targets, quadratic within δ of the target and linear beyond, mean over every output.</summary>
internal sealed record HuberLoss(SourceSpan? Location, double Delta) : LossSpec(Location)
{
    public override string Kind => "Huber";

    public override string Formula =>
        // No '<': the formula goes into XML documentation as it is.
        $"loss = mean over every output of ½(y − t)² where |y − t| is below δ, else δ·(|y − t| − ½δ), δ = {Literals.Readable(Delta)}";

    public override bool TakesDelta => true;

    public override string PredictionDescription => "the outputs themselves";

    // The struct's default value has no δ: the core always gets one.
    public override string? RuntimeValue(string elementType) => $"new {RuntimeType(elementType)}({Literals.Typed(Delta, elementType)})";
}
