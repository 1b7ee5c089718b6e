using System.Numerics;

namespace Precast.Data.Csv;

/// <summary>What <see cref="CsvDataset.Read{T, TTarget}"/> read: the samples, and the rows it skipped.</summary>
/// <typeparam name="T">The input element type.</typeparam>
/// <typeparam name="TTarget">The target element type.</typeparam>
public sealed class CsvReadResult<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTarget : unmanaged
{
    /// <summary>The largest number of errors kept in <see cref="Errors"/>; <see cref="SkippedRows"/> counts them all.</summary>
    public const int MaxKeptErrors = 100;

    internal CsvReadResult(Dataset<T, TTarget> data, int skippedRows, IReadOnlyList<CsvRowException> errors)
    {
        Data = data;
        SkippedRows = skippedRows;
        Errors = errors;
    }

    /// <summary>The samples of every good row, in file order.</summary>
    public Dataset<T, TTarget> Data { get; }

    /// <summary>The bad rows skipped (always 0 without <see cref="CsvOptions.SkipBadRows"/>).</summary>
    public int SkippedRows { get; }

    /// <summary>Why the first <see cref="MaxKeptErrors"/> skipped rows were skipped, in file order.</summary>
    public IReadOnlyList<CsvRowException> Errors { get; }
}
