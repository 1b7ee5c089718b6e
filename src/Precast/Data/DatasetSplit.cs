using System.Numerics;

namespace Precast.Data;

/// <summary>The arithmetic and checks shared by <see cref="Dataset{T, TTarget}.Split"/> and <see cref="Dataset.SplitStratified{T}"/>.</summary>
internal static class DatasetSplit
{
    /// <summary>
    /// Splits draw their permutations from this stream, so a seed shared with a
    /// <see cref="Batcher{T, TTarget}"/> (whose shuffle streams are the epoch numbers and whose
    /// augmentation streams are at least 2^32) still gives an unrelated ordering.
    /// </summary>
    public const ulong Stream = ulong.MaxValue;

    public static void CheckFraction(double validationFraction, string method)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"{method}: 'validationFraction' must be greater than 0 and less than 1.");
    }

    /// <summary>The validation share of <paramref name="count"/> samples, rounded half away from zero.</summary>
    public static int ValidationCount(int count, double validationFraction) =>
        (int)Math.Round(count * validationFraction, MidpointRounding.AwayFromZero);

    public static void CheckParts(int count, int validationCount, double validationFraction, string method)
    {
        if (validationCount < 1 || validationCount > count - 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"{method}: 'validationFraction' {validationFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} of " +
                $"{InvariantText.Count(count)} samples gives {validationCount} validation and {count - validationCount} training samples; " +
                "each part needs at least one.");
    }

    /// <summary>Copies the two parts, each in the original order of its samples.</summary>
    public static (Dataset<T, TTarget> Train, Dataset<T, TTarget> Validation) Apply<T, TTarget>(
        Dataset<T, TTarget> data, int[] train, int[] validation)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTarget : unmanaged
    {
        Array.Sort(train);
        Array.Sort(validation);
        return (data.Subset(train), data.Subset(validation));
    }
}
