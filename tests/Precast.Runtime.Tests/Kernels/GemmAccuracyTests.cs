using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;
using static Precast.Runtime.Tests.Kernels.GemmTests;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// Long reductions in float: a weight gradient summed over 200,000 positions. All products are
/// positive, the worst case for a running sum (no cancellation), so the error is measured against the
/// exact value. Summed in one chain, the error grows with k: before the kernels blocked k, the worst
/// relative error here was 2.0e-5 for MultiplyTransposedA and 1.9e-5 for Multiply (the same on every
/// path), and 2.0e-6 for MultiplyTransposedB at 256 bits (5.7e-6 at 128, 2.5e-5 in scalar code).
/// With blocks of 512 it is 0.77e-6 to 0.92e-6 on every path (256-bit, 128-bit and scalar).
/// </summary>
public class GemmAccuracyTests
{
    private const int Positions = 200_000;

    /// <summary>Relative error allowed: the blocked kernels measure below 1e-6, unblocked ones about 2e-5.</summary>
    private const double Tolerance = 1.5e-6;

    [Theory]
    [InlineData(Product.TransposedA)]
    [InlineData(Product.Plain)]
    [InlineData(Product.TransposedB)]
    public void LongReductionsInFloatStayWithinAMillionth(Product product)
    {
        const int m = 3, n = 20, k = Positions;
        float[] a = Positive(m * k, 1);
        float[] b = Positive(n * k, 2);
        var c = new float[m * n];
        switch (product)
        {
            case Product.TransposedA: Gemm.MultiplyTransposedA<float>(a, b, c, m, n, k, accumulate: true); break;
            case Product.Plain: Gemm.Multiply<float>(a, b, c, m, n, k, accumulate: true); break;
            default: Gemm.MultiplyTransposedB<float>(a, b, c, m, n, k, accumulate: true); break;
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double exact = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = product == Product.TransposedA ? a[p * m + i] : a[i * k + p];
                    double y = product == Product.TransposedB ? b[j * k + p] : b[p * n + j];
                    exact += x * y;
                }
                double error = Math.Abs(c[i * n + j] - exact) / exact;
                Assert.True(error <= Tolerance, $"{product}: C[{i}, {j}] has relative error {error:E2}.");
            }
        }
    }

    [Fact]
    public void LongColumnSumsInFloatStayWithinAMillionth()
    {
        // A bias gradient over 200,000 positions; summed row after row (before blocking) it was off by 1.4e-5.
        const int cols = 20;
        float[] matrix = Positive(Positions * cols, 3);
        var sums = new float[cols];
        Rows.AccumulateSums<float>(matrix, sums, Positions, cols);
        for (int j = 0; j < cols; j++)
        {
            double exact = 0;
            for (int r = 0; r < Positions; r++)
                exact += matrix[r * cols + j];
            double error = Math.Abs(sums[j] - exact) / exact;
            Assert.True(error <= Tolerance, $"Column {j} has relative error {error:E2}.");
        }
    }

    private static float[] Positive(int length, int seed)
        => Array.ConvertAll(TestData.Uniform(length, seed), v => (float)Math.Abs(v));
}
