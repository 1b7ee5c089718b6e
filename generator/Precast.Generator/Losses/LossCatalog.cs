using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Maps a Precast.Loss enum value to its spec. The one place a new loss is registered.</summary>
internal static class LossCatalog
{
    /// <summary>Every loss kind, for messages about a value outside the enum.</summary>
    public const string KindList = "Loss.SoftmaxCrossEntropy, Loss.SigmoidBinaryCrossEntropy or Loss.MeanSquaredError";

    /// <summary>The loss for an enum value, or null when the value names no loss (<c>(Loss)99</c>).</summary>
    public static LossSpec? Create(int kind, SourceSpan? location) => kind switch
    {
        0 => new SoftmaxCrossEntropyLoss(location),
        1 => new SigmoidBinaryCrossEntropyLoss(location),
        2 => new MeanSquaredErrorLoss(location),
        _ => null,
    };
}
