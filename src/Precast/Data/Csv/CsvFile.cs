using System.Globalization;
using nietras.SeparatedValues;

namespace Precast.Data.Csv;

/// <summary>Opens CSV files the one way Precast reads them, and finds columns by header name.</summary>
internal static class CsvFile
{
    /// <summary>
    /// A Sep reader over <paramref name="path"/>: a header line, the invariant culture, quoted
    /// fields unescaped, spaces around fields ignored, and rows of the wrong length left for the
    /// caller to report (with the file, the line and what was expected).
    /// </summary>
    public static SepReader Open(string path, char separator, string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{method}: CSV file '{path}' does not exist.", path);
        var options = new SepReaderOptions(new Sep(separator))
        {
            HasHeader = true,
            CultureInfo = CultureInfo.InvariantCulture,
            DisableColCountCheck = true,
            Unescape = true,
            Trim = SepTrim.Outer,
        };
        SepReader reader = options.FromFile(path);
        if (reader.Header.IsEmpty)
        {
            reader.Dispose();
            throw new InvalidDataException($"{method}: CSV file '{path}' is empty; expected a header line naming the columns.");
        }
        return reader;
    }

    /// <summary>The positions of <paramref name="names"/> in the header; a missing name is an error that lists the columns there are.</summary>
    public static int[] Find(SepReader reader, IReadOnlyList<string> names, string path, string method)
    {
        var indices = new int[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            if (!reader.Header.TryIndexOf(names[i], out indices[i]))
                throw new ArgumentException(
                    $"{method}: CSV file '{path}' has no column '{names[i]}'; its header has {reader.Header.ColNames.Count} columns: " +
                    $"{string.Join(", ", reader.Header.ColNames)}.");
        }
        return indices;
    }

    /// <summary>The error for a row whose column count differs from the header's.</summary>
    public static CsvRowException WrongColumnCount(string path, in SepReader.Row row, int expected) => new(
        path, row.LineNumberFrom, column: null, columnNumber: 0, text: null,
        $"the row has {row.ColCount} column{(row.ColCount == 1 ? "" : "s")}; expected {expected} as in the header.");
}
