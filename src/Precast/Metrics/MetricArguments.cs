namespace Precast.Metrics;

/// <summary>
/// Argument checks shared by the metrics. Each message names the method, the argument, what it held
/// and what was expected. Every check of a batch runs before anything is counted, so a bad batch
/// leaves a metric unchanged.
/// </summary>
internal static class MetricArguments
{
    /// <summary>Checks the class count.</summary>
    public static void Classes(int classes, string method)
    {
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{method}: classes is {classes}; expected at least 1.");
    }

    /// <summary>Checks that <paramref name="outputsLength"/> holds one row of scores per label.</summary>
    public static void Rows(int outputsLength, int labelsLength, int classes, string method)
    {
        Classes(classes, method);
        if (outputsLength != (long)labelsLength * classes)
            throw new ArgumentException(
                $"{method}: 'outputs' has {outputsLength} values; expected {(long)labelsLength * classes} " +
                $"({classes} class scores for each of the {labelsLength} labels).",
                "outputs");
    }

    /// <summary>Checks that probability targets are one row of <paramref name="classes"/> values per output row.</summary>
    public static void TargetRows(int outputsLength, int targetsLength, int classes, string method)
    {
        if (outputsLength % classes != 0)
            throw new ArgumentException(
                $"{method}: 'outputs' has {outputsLength} values; expected a whole number of rows of {classes} class scores.", "outputs");
        if (targetsLength != outputsLength)
            throw new ArgumentException(
                $"{method}: 'targets' has {targetsLength} values; expected {outputsLength}, a probability for each output.", "targets");
    }

    /// <summary>Checks that every label is a class index in [0, <paramref name="classes"/>).</summary>
    public static void Labels(ReadOnlySpan<int> labels, int classes, string method)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    $"{method}: labels[{i}] is {labels[i]}; expected a class index from 0 to {classes - 1}.");
        }
    }

    /// <summary>Checks a class index passed to a per-class query.</summary>
    public static void Class(int index, int classes, string method, string argument)
    {
        if ((uint)index >= (uint)classes)
            throw new ArgumentOutOfRangeException(argument, index,
                $"{method}: {argument} is {index}; expected a class index from 0 to {classes - 1}.");
    }
}
