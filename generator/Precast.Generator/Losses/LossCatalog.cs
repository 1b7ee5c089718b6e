using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Maps a Precast.Loss enum value to its spec. The one place a new loss is registered.</summary>
internal static class LossCatalog
{
    /// <summary>Every loss kind, for messages about a value outside the enum.</summary>
    public const string KindList =
        "Loss.SoftmaxCrossEntropy, Loss.SigmoidBinaryCrossEntropy, Loss.MeanSquaredError, Loss.SoftmaxCrossEntropyWithProbabilities, " +
        "Loss.MeanAbsoluteError, Loss.Huber or Loss.KLDivergence";

    /// <summary>
    /// The loss for an enum value with the options written on the attribute (their defaults where not
    /// written), or null when the value names no loss (<c>(Loss)99</c>). Options are checked separately
    /// (<see cref="LossArguments.Check"/>).
    /// </summary>
    public static LossSpec? Create(int kind, LossArguments arguments, SourceSpan? location) => kind switch
    {
        0 => new SoftmaxCrossEntropyLoss(location, arguments.LabelSmoothing ?? 0),
        1 => new SigmoidBinaryCrossEntropyLoss(location),
        2 => new MeanSquaredErrorLoss(location),
        3 => new SoftmaxCrossEntropyWithProbabilitiesLoss(location, arguments.LabelSmoothing ?? 0),
        4 => new MeanAbsoluteErrorLoss(location),
        5 => new HuberLoss(location, arguments.Delta ?? 1),
        6 => new KLDivergenceLoss(location),
        _ => null,
    };
}
