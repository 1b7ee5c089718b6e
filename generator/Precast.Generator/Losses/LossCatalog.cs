using Precast.Generator.Model;

namespace Precast.Generator.Losses;

/// <summary>Maps a Precast.Loss enum value to its spec. The one place a new loss is registered.</summary>
internal static class LossCatalog
{
    public static LossSpec? Create(int kind, SourceSpan? location) => kind switch
    {
        0 => new SoftmaxCrossEntropyLoss(location),
        1 => new SigmoidBinaryCrossEntropyLoss(location),
        2 => new MeanSquaredErrorLoss(location),
        _ => null,
    };
}
