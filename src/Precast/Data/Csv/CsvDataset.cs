using System.Globalization;
using System.Numerics;
using nietras.SeparatedValues;

namespace Precast.Data.Csv;

/// <summary>
/// Reads samples from a CSV file with a header line: input columns and target columns chosen by
/// name, numbers in the invariant culture (<c>3.25</c>, <c>-1e-3</c>, whatever the machine's
/// locale), parsed by Sep (see docs/data.md). A bad row is an error naming the file, the line,
/// the column and the offending text, or, with <see cref="CsvOptions.SkipBadRows"/>, skipped and
/// counted:
/// <code>
/// var iris = CsvDataset.Read&lt;float, int&gt;("iris.csv", new CsvOptions { TargetColumns = ["species"], ClassCount = 3 });
/// Dataset&lt;float, int&gt; data = iris.Data;
/// </code>
/// </summary>
public static class CsvDataset
{
    private const string Method = "CsvDataset.Read";

    /// <summary>Reads every row of <paramref name="path"/> as one sample.</summary>
    /// <typeparam name="T">The input element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <typeparam name="TTarget">
    /// The target element type: <see cref="int"/> for class labels (checked against
    /// <see cref="CsvOptions.ClassCount"/>), <see cref="float"/> or <see cref="double"/> for values.
    /// </typeparam>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">The columns to read and how strictly.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent, or name a column the header lacks (the message lists the columns).</exception>
    /// <exception cref="CsvRowException">A row is bad and <see cref="CsvOptions.SkipBadRows"/> is not set.</exception>
    /// <exception cref="InvalidDataException">The file is empty, or has no good row.</exception>
    public static CsvReadResult<T, TTarget> Read<T, TTarget>(string path, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTarget : unmanaged, INumber<TTarget>
    {
        ArgumentNullException.ThrowIfNull(options);
        bool labels = CheckOptions<T, TTarget>(options);
        using SepReader reader = CsvFile.Open(path, options.Separator, Method);
        IReadOnlyList<string> header = reader.Header.ColNames;
        int[] targetColumns = CsvFile.Find(reader, options.TargetColumns, path, Method);
        int[] inputColumns = options.InputColumns is null
            ? [.. Enumerable.Range(0, header.Count).Where(column => Array.IndexOf(targetColumns, column) < 0)]
            : CsvFile.Find(reader, options.InputColumns, path, Method);
        int[] sampleShape = SampleShape(options, inputColumns.Length, path);

        var inputs = new List<T>();
        var targets = new List<TTarget>();
        var errors = new List<CsvRowException>();
        int skipped = 0;
        var rowInputs = new T[inputColumns.Length];
        var rowTargets = new TTarget[targetColumns.Length];
        foreach (SepReader.Row row in reader)
        {
            CsvRowException? error = row.ColCount != header.Count
                ? CsvFile.WrongColumnCount(path, row, header.Count)
                : ParseRow(row, inputColumns, rowInputs, path, header) ?? ParseRow(row, targetColumns, rowTargets, path, header)
                  ?? CheckLabels(row, targetColumns, rowTargets, options.ClassCount, path, header);
            if (error is not null)
            {
                if (!options.SkipBadRows)
                    throw error;
                skipped++;
                if (errors.Count < CsvReadResult<T, TTarget>.MaxKeptErrors)
                    errors.Add(error);
                continue;
            }
            inputs.AddRange(rowInputs);
            targets.AddRange(rowTargets);
        }

        if (targets.Count == 0)
            throw new InvalidDataException(
                skipped == 0
                    ? $"{Method}: CSV file '{path}' has a header but no rows; expected at least one sample."
                    : $"{Method}: CSV file '{path}' has no good row: all {InvariantText.Count(skipped)} were skipped; the first: {errors[0].Message}");
        TTarget[] targetArray = [.. targets];
        int classCount = 0;
        if (labels)
        {
            classCount = options.ClassCount;
            if (classCount == 0)
            {
                int[] labelArray = (int[])(object)targetArray;
                classCount = labelArray.Max() + 1;
            }
        }
        return new CsvReadResult<T, TTarget>(
            new Dataset<T, TTarget>([.. inputs], targetArray, sampleShape, inputColumns.Length, targetColumns.Length, classCount),
            skipped, errors);
    }

    /// <summary>Checks the options on their own; returns whether the targets are class labels.</summary>
    private static bool CheckOptions<T, TTarget>(CsvOptions options)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"{Method}: inputs of {typeof(T).Name} are not supported; models take float or double.");
        if (options.TargetColumns is null || options.TargetColumns.Count == 0)
            throw new ArgumentException($"{Method}: 'TargetColumns' is empty; name at least one column holding the targets.", nameof(options));
        if (options.InputColumns is { Count: 0 })
            throw new ArgumentException($"{Method}: 'InputColumns' is empty; name the input columns, or leave it null for every other column.", nameof(options));
        bool labels = typeof(TTarget) == typeof(int);
        if (options.ClassCount < 0 || (options.ClassCount > 0 && !labels))
            throw new ArgumentException(
                $"{Method}: 'ClassCount' is {options.ClassCount}; expected 0, or a positive count when the targets are int class labels " +
                $"(they are {typeof(TTarget).Name}).",
                nameof(options));
        return labels;
    }

    private static int[] SampleShape(CsvOptions options, int inputCount, string path)
    {
        if (inputCount == 0)
            throw new ArgumentException($"{Method}: CSV file '{path}' has no column left for the inputs once the targets are taken.", nameof(options));
        if (options.SampleShape is null)
            return [inputCount];
        int[] shape = [.. options.SampleShape];
        int length = Dataset.SampleLength(shape, Method, nameof(CsvOptions.SampleShape));
        if (length != inputCount)
            throw new ArgumentException(
                $"{Method}: 'SampleShape' {ShapeText.Format(shape)} holds {InvariantText.Count(length)} values but {InvariantText.Count(inputCount)} " +
                $"input columns are read from '{path}'; expected the same number.",
                nameof(options));
        return shape;
    }

    /// <summary>Parses the chosen columns of <paramref name="row"/> into <paramref name="values"/>; the first bad one is returned as an error.</summary>
    private static CsvRowException? ParseRow<TValue>(SepReader.Row row, int[] columns, TValue[] values, string path, IReadOnlyList<string> header)
        where TValue : INumber<TValue>
    {
        for (int i = 0; i < columns.Length; i++)
        {
            SepReader.Col col = row[columns[i]];
            // .NET's own parser, not Sep's col.TryParse: Sep's fast float parser (0.17.1) reads
            // "1,5" as 15, where NumberStyles.Float in the invariant culture refuses the comma.
            if (!TValue.TryParse(col.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out TValue? value) || !TValue.IsFinite(value))
                return new CsvRowException(path, row.LineNumberFrom, header[columns[i]], columns[i] + 1, col.ToString(), NotANumber<TValue>(col.Span));
            values[i] = value;
        }
        return null;
    }

    private static CsvRowException? CheckLabels<TTarget>(SepReader.Row row, int[] columns, TTarget[] targets, int classCount, string path, IReadOnlyList<string> header)
    {
        if (typeof(TTarget) != typeof(int))
            return null;
        int[] labels = (int[])(object)targets;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || (classCount > 0 && labels[i] >= classCount))
                return new CsvRowException(path, row.LineNumberFrom, header[columns[i]], columns[i] + 1, row[columns[i]].ToString(),
                    classCount > 0
                        ? $"label {labels[i]} is not a class; expected an integer in [0, {classCount})."
                        : $"label {labels[i]} is negative; expected a class index, 0 or more.");
        }
        return null;
    }

    private static string NotANumber<TValue>(ReadOnlySpan<char> text) =>
        text.IsEmpty
            ? $"the value is empty; expected {Expected<TValue>()}."
            : $"'{text}' is not {Expected<TValue>()}.";

    private static string Expected<TValue>() =>
        typeof(TValue) == typeof(int)
            ? "an integer class label (like 3)"
            : "a finite number in the invariant culture (like 3.25 or -1e-3)";
}
