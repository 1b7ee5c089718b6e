namespace Precast.Data.Csv;

/// <summary>
/// A row of a CSV file that cannot become a sample: the message, and the properties, name the
/// file, the line, the column and the offending text. Thrown by <see cref="CsvDataset.Read{T, TTarget}"/>
/// unless <see cref="CsvOptions.SkipBadRows"/> is set, in which case it is kept in
/// <see cref="CsvReadResult{T, TTarget}.Errors"/>. A <see cref="FormatException"/>: the file's text
/// does not have the expected format (<see cref="InvalidDataException"/>, which the file as a whole
/// gets when it is empty, is sealed).
/// </summary>
public sealed class CsvRowException : FormatException
{
    /// <summary>Describes a bad row.</summary>
    /// <param name="path">The file.</param>
    /// <param name="line">The line the row starts on, from 1 (the header is line 1).</param>
    /// <param name="column">The column's header name, or null when the row as a whole is wrong.</param>
    /// <param name="columnNumber">The column's position, from 1, or 0 when the row as a whole is wrong.</param>
    /// <param name="text">The offending text, or null.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public CsvRowException(string path, int line, string? column, int columnNumber, string? text, string problem)
        : base(Describe(path, line, column, columnNumber) + problem)
    {
        Path = path;
        Line = line;
        Column = column;
        ColumnNumber = columnNumber;
        Text = text;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The line the row starts on, from 1 (the header is line 1).</summary>
    public int Line { get; }

    /// <summary>The column's header name, or null when the row as a whole is wrong (its column count).</summary>
    public string? Column { get; }

    /// <summary>The column's position in the row, from 1; 0 when the row as a whole is wrong.</summary>
    public int ColumnNumber { get; }

    /// <summary>The offending text, or null.</summary>
    public string? Text { get; }

    private static string Describe(string path, int line, string? column, int columnNumber) =>
        column is null
            ? $"CSV file '{path}', line {line}: "
            : $"CSV file '{path}', line {line}, column '{column}' (number {columnNumber}): ";
}
