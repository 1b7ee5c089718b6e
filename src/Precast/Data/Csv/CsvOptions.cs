namespace Precast.Data.Csv;

/// <summary>What <see cref="CsvDataset.Read{T, TTarget}"/> takes from a CSV file, and how strictly.</summary>
public sealed record CsvOptions
{
    /// <summary>The columns holding each sample's target, by header name, in target order; at least one.</summary>
    public required IReadOnlyList<string> TargetColumns { get; init; }

    /// <summary>
    /// The columns holding each sample's input, by header name, in input order; <see langword="null"/>
    /// (the default) takes every column that is not a target, in file order.
    /// </summary>
    public IReadOnlyList<string>? InputColumns { get; init; }

    /// <summary>
    /// The shape of one input (<c>[1, 28, 28]</c> for the 784 pixel columns of an MNIST CSV); its
    /// product must be the number of input columns. <see langword="null"/> (the default) makes it
    /// <c>[input columns]</c>.
    /// </summary>
    public IReadOnlyList<int>? SampleShape { get; init; }

    /// <summary>The separator between values: <c>','</c> by default (<c>';'</c>, <c>'\t'</c>, ...).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// For integer class labels: the number of classes, so that a label outside [0, ClassCount) is a
    /// bad row. 0 (the default) takes the largest label plus one, as Keras's <c>to_categorical</c> does.
    /// Must stay 0 for targets that are not integers.
    /// </summary>
    public int ClassCount { get; init; }

    /// <summary>
    /// Whether a bad row (a missing or extra column, a value that is not a finite number, a label
    /// out of range) is skipped and counted instead of failing the read with a
    /// <see cref="CsvRowException"/>. The first rows skipped keep their errors in
    /// <see cref="CsvReadResult{T, TTarget}.Errors"/>.
    /// </summary>
    public bool SkipBadRows { get; init; }
}
