using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class RowsTests
{
    [Fact]
    public void BroadcastCopiesTheRowIntoEveryRow()
    {
        var matrix = new float[3 * 4];
        Rows.Broadcast<float>([1, 2, 3, 4], matrix, 3, 4);
        Assert.Equal(new float[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4 }, matrix);
    }

    [Fact]
    public void AccumulateSumsAddsColumnSums()
    {
        double[] matrix = TestData.Uniform(5 * 19, seed: 31);
        double[] sums = TestData.Uniform(19, seed: 32);
        double[] expected = (double[])sums.Clone();
        for (int r = 0; r < 5; r++)
        {
            for (int j = 0; j < 19; j++)
                expected[j] += matrix[r * 19 + j];
        }
        Rows.AccumulateSums<double>(matrix, sums, 5, 19);
        for (int j = 0; j < 19; j++)
            Assert.Equal(expected[j], sums[j], 1e-14);
    }

    [Fact]
    public void BroadcastIntoAViewWritesOnlyItsValues()
    {
        // Columns [2, 5) of a [3, 7] buffer.
        var buffer = Enumerable.Range(0, 21).Select(v => -(float)v).ToArray();
        Rows.Broadcast<float>([1, 2, 3], buffer.AsSpan(2), 7, 3, 3);
        Assert.Equal(new float[] { 0, -1, 1, 2, 3, -5, -6, -7, -8, 1, 2, 3, -12, -13, -14, -15, 1, 2, 3, -19, -20 }, buffer);
    }

    [Fact]
    public void AccumulateSumsOfAViewReadsOnlyItsValues()
    {
        // Columns [3, 22) of a [600, 25] buffer (more than one block of rows), NaN everywhere else.
        const int rows = 600, cols = 19, ld = 25;
        double[] dense = TestData.Uniform(rows * cols, seed: 33);
        var buffer = Enumerable.Repeat(double.NaN, 3 + rows * ld).ToArray();
        for (int r = 0; r < rows; r++)
            dense.AsSpan(r * cols, cols).CopyTo(buffer.AsSpan(3 + r * ld));
        double[] expected = TestData.Uniform(cols, seed: 34);
        double[] sums = (double[])expected.Clone();
        Rows.AccumulateSums<double>(dense, expected, rows, cols);
        Rows.AccumulateSums<double>(buffer.AsSpan(3), ld, sums, rows, cols);
        Assert.Equal(expected, sums);
        for (int j = 0; j < cols; j++)
        {
            double exact = TestData.Uniform(cols, seed: 34)[j];
            for (int r = 0; r < rows; r++)
                exact += dense[r * cols + j];
            Assert.Equal(exact, sums[j], 1e-12);
        }
    }

    [Fact]
    public void WrongLeadingDimensionsNameTheArgument()
    {
        var tooShort = Assert.Throws<ArgumentOutOfRangeException>(() => Rows.Broadcast<float>(new float[4], new float[8], 3, 2, 4));
        Assert.Equal("ld", tooShort.ParamName);
        Assert.Contains("Rows.Broadcast: 'ld' is 3; expected at least 4 (cols, the length of a row of 'matrix').", tooShort.Message);
        var error = Assert.Throws<ArgumentException>(() => Rows.AccumulateSums<float>(new float[9], 6, new float[4], 2, 4));
        Assert.Equal("matrix", error.ParamName);
        Assert.Contains("Rows.AccumulateSums: 'matrix' has 9 values; expected at least 10 ((rows - 1) × ld + cols = (2 - 1) × 6 + 4).", error.Message);
    }

    [Fact]
    public void WrongLengthsNameTheArgument()
    {
        var error = Assert.Throws<ArgumentException>(() => Rows.Broadcast<float>(new float[3], new float[8], 2, 4));
        Assert.Equal("row", error.ParamName);
        Assert.Contains("Rows.Broadcast: 'row' has 3 values; expected 4 (cols).", error.Message);
        error = Assert.Throws<ArgumentException>(() => Rows.AccumulateSums<float>(new float[7], new float[4], 2, 4));
        Assert.Equal("matrix", error.ParamName);
        Assert.Contains("'matrix' has 7 values; expected 8 (rows × cols = 2 × 4).", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var matrix = new float[64 * 128];
        var row = new float[128];
        Allocations.AssertNone(() =>
        {
            Rows.Broadcast<float>(row, matrix, 64, 128);
            Rows.AccumulateSums<float>(matrix, row, 64, 128);
            Rows.Broadcast<float>(row.AsSpan(0, 100), matrix, 128, 64, 100);
            Rows.AccumulateSums<float>(matrix, 128, row.AsSpan(0, 100), 64, 100);
        });
    }
}
