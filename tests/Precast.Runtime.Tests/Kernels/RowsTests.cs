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
        });
    }
}
