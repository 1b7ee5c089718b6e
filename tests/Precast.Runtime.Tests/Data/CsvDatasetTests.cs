using System.Globalization;
using Precast.Data;
using Precast.Data.Csv;

namespace Precast.Runtime.Tests.Data;

public sealed class CsvDatasetTests : IDisposable
{
    private const string Iris =
        "sepal_length,sepal_width,petal_length,petal_width,species\n" +
        "5.1,3.5,1.4,0.2,0\n" +
        "7.0,3.2,4.7,1.4,1\n" +
        "6.3,3.3,6.0,2.5,2\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Every_column_but_the_target_is_an_input_in_file_order()
    {
        string path = Write(Iris);

        CsvReadResult<float, int> result = CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["species"] });

        Dataset<float, int> data = result.Data;
        Assert.Equal(3, data.Count);
        Assert.Equal([4], data.SampleShape.ToArray());
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f, 7.0f, 3.2f, 4.7f, 1.4f, 6.3f, 3.3f, 6.0f, 2.5f], data.Inputs);
        Assert.Equal([0, 1, 2], data.Targets);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(0, result.SkippedRows);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Inputs_are_chosen_by_name_in_the_order_given_and_the_class_count_can_be_fixed()
    {
        string path = Write(Iris);

        Dataset<double, int> data = CsvDataset.Read<double, int>(path, new CsvOptions
        {
            InputColumns = ["petal_width", "sepal_length"],
            TargetColumns = ["species"],
            ClassCount = 5,
        }).Data;

        Assert.Equal([0.2, 5.1, 1.4, 7.0, 2.5, 6.3], data.Inputs);
        Assert.Equal(5, data.ClassCount);
    }

    [Fact]
    public void Several_target_columns_make_a_regression_target_vector()
    {
        string path = Write("x1;x2;y1;y2\n1;2;0.5;-1e-3\n3;4;1.5;2E2\n");

        Dataset<float, float> data = CsvDataset.Read<float, float>(path, new CsvOptions { TargetColumns = ["y1", "y2"], Separator = ';' }).Data;

        Assert.Equal(2, data.TargetLength);
        Assert.Equal([0.5f, -1e-3f, 1.5f, 200f], data.Targets);
        Assert.Equal([1f, 2, 3, 4], data.Inputs);
        Assert.Equal(0, data.ClassCount);
    }

    [Fact]
    public void The_sample_shape_reshapes_the_input_columns()
    {
        string path = Write("label,p0,p1,p2,p3\n1,0,64,128,255\n");

        Dataset<float, int> data = CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["label"], SampleShape = [1, 2, 2], ClassCount = 2 }).Data;

        Assert.Equal([1, 2, 2], data.SampleShape.ToArray());
        Assert.Equal([0f, 64, 128, 255], data.Inputs);
    }

    [Fact]
    public void Numbers_are_read_in_the_invariant_culture_whatever_the_current_one()
    {
        string path = Write("a,b,label\n\"1.5\", 2.25 ,0\n");
        CultureInfo previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Dataset<float, int> data = CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["label"] }).Data;

            Assert.Equal([1.5f, 2.25f], data.Inputs);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_value_that_is_not_a_number_names_the_file_line_column_and_text()
    {
        string path = Write(Iris + "4.9,three,1.4,0.2,0\n");

        var error = Assert.Throws<CsvRowException>(() => CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["species"] }));

        Assert.Equal(
            $"CSV file '{path}', line 5, column 'sepal_width' (number 2): 'three' is not a finite number in the invariant culture (like 3.25 or -1e-3).",
            error.Message);
        Assert.Equal((path, 5, "sepal_width", 2, "three"), (error.Path, error.Line, error.Column, error.ColumnNumber, error.Text));
    }

    [Fact]
    public void A_decimal_comma_an_empty_value_and_nan_are_bad_values()
    {
        Assert.Contains("line 2, column 'a' (number 1): '1,5' is not a finite number",
            ReadError("a;label\n1,5;0\n", separator: ';'));
        Assert.Contains("line 3, column 'a' (number 1): the value is empty; expected a finite number",
            ReadError("a,label\n1,0\n,1\n"));
        Assert.Contains("line 2, column 'a' (number 1): 'NaN' is not a finite number",
            ReadError("a,label\nNaN,0\n"));
    }

    [Fact]
    public void A_label_that_is_not_an_integer_or_not_a_class_is_a_bad_value()
    {
        Assert.Contains("line 2, column 'label' (number 2): '1.5' is not an integer class label (like 3).",
            ReadError("a,label\n1,1.5\n"));
        Assert.Contains("line 3, column 'label' (number 2): label 3 is not a class; expected an integer in [0, 3).",
            ReadError("a,label\n1,2\n1,3\n", classCount: 3));
        Assert.Contains("line 2, column 'label' (number 2): label -1 is negative; expected a class index, 0 or more.",
            ReadError("a,label\n1,-1\n"));
    }

    [Fact]
    public void A_row_with_too_few_or_too_many_columns_names_its_line_and_both_counts()
    {
        Assert.Contains("line 3: the row has 2 columns; expected 3 as in the header.", ReadError("a,b,label\n1,2,0\n1,0\n"));
        Assert.Contains("line 2: the row has 4 columns; expected 3 as in the header.", ReadError("a,b,label\n1,2,0,9\n"));
    }

    [Fact]
    public void Lines_are_counted_in_the_file_including_quoted_line_breaks()
    {
        // The second row's quoted name spans two lines, so the bad row after it starts on line 5.
        string message = ReadError("name,a,label\nx,1,0\n\"two\nlines\",2,1\ny,oops,0\n", inputs: ["a"]);

        Assert.Contains("line 5, column 'a' (number 2): 'oops' is not a finite number", message);
    }

    [Fact]
    public void Skipping_bad_rows_counts_them_keeps_their_errors_and_reads_the_rest()
    {
        string path = Write("a,b,label\n1,2,0\nx,2,1\n3,4,1\n5,6\n7,8,0\n");

        CsvReadResult<float, int> result = CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["label"], SkipBadRows = true });

        Assert.Equal(2, result.SkippedRows);
        Assert.Equal([3, 5], result.Errors.Select(error => error.Line));
        Assert.Equal(["a", null], result.Errors.Select(error => error.Column));
        Assert.Equal([1f, 2, 3, 4, 7, 8], result.Data.Inputs);
        Assert.Equal([0, 1, 0], result.Data.Targets);
    }

    [Fact]
    public void Skipping_keeps_the_first_hundred_errors_and_counts_all()
    {
        string path = Write("a,label\n" + string.Concat(Enumerable.Range(0, 250).Select(i => i % 2 == 0 ? "bad,0\n" : "1,0\n")));

        CsvReadResult<float, int> result = CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["label"], SkipBadRows = true });

        Assert.Equal(125, result.SkippedRows);
        Assert.Equal(CsvReadResult<float, int>.MaxKeptErrors, result.Errors.Count);
        Assert.Equal(125, result.Data.Count);
    }

    [Fact]
    public void A_file_whose_every_row_is_bad_or_that_has_no_rows_is_an_error()
    {
        string bad = Write("a,label\nx,0\n");
        string empty = Write("a,label\n");
        string nothing = Write("");

        Assert.Contains("has no good row: all 1 were skipped; the first: CSV file",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Read<float, int>(bad, new CsvOptions { TargetColumns = ["label"], SkipBadRows = true })).Message);
        Assert.Contains($"CSV file '{empty}' has a header but no rows",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Read<float, int>(empty, new CsvOptions { TargetColumns = ["label"] })).Message);
        Assert.Contains($"CSV file '{nothing}' is empty; expected a header line",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Read<float, int>(nothing, new CsvOptions { TargetColumns = ["label"] })).Message);
    }

    [Fact]
    public void A_missing_column_lists_the_columns_there_are()
    {
        string path = Write(Iris);

        var error = Assert.Throws<ArgumentException>(() => CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["class"] }));

        Assert.Contains(
            $"CSV file '{path}' has no column 'class'; its header has 5 columns: sepal_length, sepal_width, petal_length, petal_width, species.",
            error.Message);
    }

    [Fact]
    public void Inconsistent_options_and_a_missing_file_are_refused()
    {
        string path = Write(Iris);

        Assert.Contains("'TargetColumns' is empty",
            Assert.Throws<ArgumentException>(() => CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = [] })).Message);
        Assert.Contains("'ClassCount' is 3; expected 0, or a positive count when the targets are int class labels (they are Single)",
            Assert.Throws<ArgumentException>(() => CsvDataset.Read<float, float>(path, new CsvOptions { TargetColumns = ["species"], ClassCount = 3 })).Message);
        Assert.Contains("'SampleShape' [1, 2, 3] holds 6 values but 4 input columns are read",
            Assert.Throws<ArgumentException>(() => CsvDataset.Read<float, int>(path, new CsvOptions { TargetColumns = ["species"], SampleShape = [1, 2, 3] })).Message);
        Assert.Throws<FileNotFoundException>(() => CsvDataset.Read<float, int>(_directory.File("missing.csv"), new CsvOptions { TargetColumns = ["species"] }));
    }

    private string Write(string text) => _directory.Write($"data{Guid.NewGuid():N}.csv", System.Text.Encoding.UTF8.GetBytes(text));

    private string ReadError(string text, char separator = ',', int classCount = 0, IReadOnlyList<string>? inputs = null) =>
        Assert.Throws<CsvRowException>(() => CsvDataset.Read<float, int>(Write(text),
            new CsvOptions { TargetColumns = ["label"], InputColumns = inputs, Separator = separator, ClassCount = classCount })).Message;
}
