using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

public class GemmTests
{
    /// <summary>The three products.</summary>
    public enum Product
    {
        TransposedB,
        Plain,
        TransposedA,
    }

    // Tiles: MultiplyTransposedB 3 rows × 4 columns (3 × 3 without FMA) along k in vectors of 8
    // floats or 4 doubles with AVX2, 4 floats or 2 doubles with SSE or NEON; Multiply and
    // MultiplyTransposedA 6 rows × 2 vectors of columns. The shapes cover 1×1×1, every edge-tile size,
    // n and k below, at and just above a vector at either width, odd sizes, large k, and the shapes
    // of an MLP 784-128-10 at batch 64. See ../README.md to run them at each width.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 1, 7 }, { 1, 1, 8 }, { 1, 1, 9 }, { 2, 3, 4 }, { 3, 4, 8 }, { 3, 4, 16 },
        { 4, 5, 17 }, { 5, 7, 9 }, { 6, 8, 3 }, { 7, 9, 5 }, { 6, 15, 2 }, { 6, 16, 1 }, { 12, 17, 11 },
        { 13, 23, 31 }, { 11, 24, 33 }, { 2, 33, 64 }, { 1, 40, 100 }, { 8, 31, 1000 }, { 19, 47, 19 },
        { 64, 128, 784 }, { 1, 128, 784 }, { 64, 10, 128 }, { 10, 128, 64 }, { 128, 784, 64 }, { 64, 128, 10 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatMatchesNaiveProduct(int m, int n, int k)
    {
        foreach (Product product in Enum.GetValues<Product>())
        {
            Check<float>(product, m, n, k, accumulate: false, relative: 2e-6);
            Check<float>(product, m, n, k, accumulate: true, relative: 2e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DoubleMatchesNaiveProduct(int m, int n, int k)
    {
        foreach (Product product in Enum.GetValues<Product>())
        {
            Check<double>(product, m, n, k, accumulate: false, relative: 1e-14);
            Check<double>(product, m, n, k, accumulate: true, relative: 1e-14);
        }
    }

    [Fact]
    public void OtherElementTypesTakeTheScalarLoop()
    {
        Half[] a = [(Half)1, (Half)2, (Half)3, (Half)4];
        Half[] b = [(Half)5, (Half)6, (Half)7, (Half)8];
        var c = new Half[4];
        Gemm.Multiply<Half>(a, b, c, 2, 2, 2, accumulate: false);
        Assert.Equal(new[] { (Half)19, (Half)22, (Half)43, (Half)50 }, c);
    }

    [Fact]
    public void KnownSmallProducts()
    {
        // A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]: A·B = [[58, 64], [139, 154]].
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [7, 8, 9, 10, 11, 12];
        float[] bTransposed = [7, 9, 11, 8, 10, 12];
        float[] aTransposed = [1, 4, 2, 5, 3, 6];
        float[] expected = [58, 64, 139, 154];
        var c = new float[4];
        Gemm.Multiply<float>(a, b, c, 2, 2, 3, accumulate: false);
        Assert.Equal(expected, c);
        Gemm.MultiplyTransposedB<float>(a, bTransposed, c, 2, 2, 3, accumulate: false);
        Assert.Equal(expected, c);
        Gemm.MultiplyTransposedA<float>(aTransposed, b, c, 2, 2, 3, accumulate: true);
        Assert.Equal(expected.Select(v => 2 * v), c);
    }

    [Fact]
    public void ZeroSizesAreAllowed()
    {
        float[] c = [1, 2, 3, 4];
        Gemm.MultiplyTransposedB<float>([], [], c, 2, 2, 0, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, c);
        Gemm.Multiply<float>([], [], c, 2, 2, 0, accumulate: false);
        Assert.Equal(new float[4], c);
        Gemm.MultiplyTransposedA<float>([], [1, 2, 3], [], 0, 3, 1, accumulate: false);
    }

    [Fact]
    public void WrongLengthsNameTheArgument()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyTransposedB<float>(new float[100], new float[4 * 30], new float[8], 2, 4, 30, false));
        Assert.Equal("a", error.ParamName);
        Assert.Contains("Gemm.MultiplyTransposedB: 'a' has 100 values; expected 60 (m × k = 2 × 30).", error.Message);

        error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(new float[6], new float[5], new float[4], 2, 2, 3, false));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("'b' has 5 values; expected 6 (k × n = 3 × 2)", error.Message);

        error = Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyTransposedA<float>(new float[6], new float[6], new float[5], 2, 2, 3, false));
        Assert.Equal("c", error.ParamName);
        Assert.Contains("'c' has 5 values; expected 4 (m × n = 2 × 2)", error.Message);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply<float>([], [], [], -1, 2, 3, false));
        Assert.Equal("m", negative.ParamName);
    }

    [Fact]
    public void OutputOverlappingAnInputIsRejected()
    {
        var buffer = new float[12];
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), buffer.AsSpan(2, 4), 2, 2, 2, false));
        Assert.Equal("c", error.ParamName);
        Assert.Contains("'c' overlaps 'a'", error.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var a = new float[64 * 784];
        var b = new float[128 * 784];
        var c = new float[64 * 128];
        var a2 = new double[5 * 13];
        var b2 = new double[7 * 13];
        var c2 = new double[5 * 7];
        Allocations.AssertNone(() =>
        {
            Gemm.MultiplyTransposedB<float>(a, b, c, 64, 128, 784, false);
            Gemm.Multiply<float>(c, b.AsSpan(0, 128 * 784), a, 64, 784, 128, false);
            Gemm.MultiplyTransposedA<float>(c, a, b.AsSpan(0, 128 * 784), 128, 784, 64, true);
            Gemm.MultiplyTransposedB<double>(a2, b2, c2, 5, 7, 13, false);
        }, callsPerRound: 1);
    }

    /// <summary>
    /// Runs one product on random inputs, with C inside a larger buffer whose guard values must
    /// survive, and compares with a double-precision triple loop. The tolerance scales with
    /// <c>Σ_p |A(i,p)·B(p,j)|</c>, the size of the rounding errors a correct summation can make.
    /// </summary>
    private static void Check<T>(Product product, int m, int n, int k, bool accumulate, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Guard = 9;
        int seed = (m * 1000 + n) * 1000 + k;
        T[] a = Random<T>(m * k, seed);
        T[] b = Random<T>(n * k, seed + 1);
        T[] buffer = Random<T>(m * n + 2 * Guard, seed + 2);
        T[] initial = (T[])buffer.Clone();
        if (!accumulate)
            buffer.AsSpan(Guard, m * n).Fill(T.NaN);
        Span<T> c = buffer.AsSpan(Guard, m * n);

        Func<int, int, double> aAt, bAt;
        switch (product)
        {
            case Product.TransposedB:
                Gemm.MultiplyTransposedB<T>(a, b, c, m, n, k, accumulate);
                aAt = (i, p) => double.CreateTruncating(a[i * k + p]);
                bAt = (p, j) => double.CreateTruncating(b[j * k + p]);
                break;
            case Product.Plain:
                Gemm.Multiply<T>(a, b, c, m, n, k, accumulate);
                aAt = (i, p) => double.CreateTruncating(a[i * k + p]);
                bAt = (p, j) => double.CreateTruncating(b[p * n + j]);
                break;
            default:
                Gemm.MultiplyTransposedA<T>(a, b, c, m, n, k, accumulate);
                aAt = (i, p) => double.CreateTruncating(a[p * m + i]);
                bAt = (p, j) => double.CreateTruncating(b[p * n + j]);
                break;
        }

        for (int g = 0; g < Guard; g++)
        {
            Assert.Equal(initial[g], buffer[g]);
            Assert.Equal(initial[Guard + m * n + g], buffer[Guard + m * n + g]);
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = accumulate ? double.CreateTruncating(initial[Guard + i * n + j]) : 0;
                double magnitude = Math.Abs(expected);
                for (int p = 0; p < k; p++)
                {
                    double term = aAt(i, p) * bAt(p, j);
                    expected += term;
                    magnitude += Math.Abs(term);
                }
                double actual = double.CreateTruncating(buffer[Guard + i * n + j]);
                double tolerance = relative * (magnitude + 1e-30);
                if (!(Math.Abs(actual - expected) <= tolerance))
                    Assert.Fail($"{product}<{typeof(T).Name}> m={m} n={n} k={k} accumulate={accumulate}: " +
                                $"C[{i}, {j}] = {actual:R}, expected {expected:R} (tolerance {tolerance:E2}).");
            }
        }
    }

    private static T[] Random<T>(int length, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(TestData.Uniform(length, seed), v => T.CreateTruncating(v));
}
