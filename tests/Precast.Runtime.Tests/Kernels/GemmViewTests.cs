using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;
using static Precast.Runtime.Tests.Kernels.GemmTests;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// The products on strided views (leading dimensions): the same bits as the dense products, no value
/// outside C's view written, inputs read only inside their views, and the same bits when a product
/// is split over rows or columns. The dense products are checked against a double reference in
/// <see cref="GemmTests"/>, so bit equality with them carries that check over.
/// </summary>
public class GemmViewTests
{
    [Theory]
    [MemberData(nameof(Shapes), MemberType = typeof(GemmTests))]
    public void ViewsMatchTheDenseProductAndWriteOnlyTheirValues(int m, int n, int k)
    {
        foreach (Product product in Enum.GetValues<Product>())
        {
            foreach (bool accumulate in new[] { false, true })
                InFloatAndDouble(product, m, n, k, accumulate, CheckView<float>, CheckView<double>);
        }
    }

    // k past one block of every kernel (512 for Multiply and MultiplyTransposedA, 128 vectors for
    // MultiplyTransposedB: 1024 floats at 256 bits, 2048 at 512), n with a column tail at every width.
    [Theory]
    [InlineData(13, 37, 600)]
    [InlineData(7, 19, 2100)]
    [InlineData(20, 70, 45)]
    public void SplittingRowsOrColumnsGivesTheSameBits(int m, int n, int k)
    {
        foreach (Product product in Enum.GetValues<Product>())
        {
            foreach (bool accumulate in new[] { false, true })
                InFloatAndDouble(product, m, n, k, accumulate, CheckSplits<float>, CheckSplits<double>);
        }
    }

    [Fact]
    public void ColumnSlicesOfOneBufferCanBeWrittenConcurrently()
    {
        // A concatenation [m, 21 + 30] whose two branches write their slices from two threads at once;
        // 21 and 30 leave column tails at every vector width.
        const int m = 9, k = 40, left = 21, right = 30, ld = left + right;
        foreach (Product product in Enum.GetValues<Product>())
        {
            int aCols = product == Product.TransposedA ? m : k;
            int bCols(int n) => product == Product.TransposedB ? k : n;
            float[] a = Random<float>(m * k, 1);
            float[] bLeft = Random<float>(left * k, 2);
            float[] bRight = Random<float>(right * k, 3);
            var expected = new float[m * ld];
            Run<float>(product, a, aCols, bLeft, bCols(left), expected, ld, m, left, k, false);
            Run<float>(product, a, aCols, bRight, bCols(right), expected.AsSpan(left), ld, m, right, k, false);
            for (int round = 0; round < 200; round++)
            {
                var c = new float[m * ld];
                Parallel.Invoke(
                    () => Run<float>(product, a, aCols, bLeft, bCols(left), c, ld, m, left, k, false),
                    () => Run<float>(product, a, aCols, bRight, bCols(right), c.AsSpan(left), ld, m, right, k, false));
                Assert.Equal(expected, c);
            }
        }
    }

    [Fact]
    public void InterleavedViewsOfOneBufferAreAllowed()
    {
        // A dense block reading columns [0, 8) of a [4, 24] buffer and writing columns [8, 24): the spans
        // overlap but no value is shared.
        const int m = 4, k = 8, n = 16, ld = k + n;
        var buffer = Random<float>(m * ld, 5);
        float[] w = Random<float>(n * k, 6);
        var expected = new float[m * n];
        float[] x = new float[m * k];
        for (int i = 0; i < m; i++)
            buffer.AsSpan(i * ld, k).CopyTo(x.AsSpan(i * k));
        Gemm.MultiplyTransposedB<float>(x, w, expected, m, n, k, false);
        Gemm.MultiplyTransposedB<float>(buffer, ld, w, k, buffer.AsSpan(k), ld, m, n, k, false);
        for (int i = 0; i < m; i++)
            Assert.Equal(expected.AsSpan(i * n, n).ToArray(), buffer.AsSpan(i * ld + k, n).ToArray());
    }

    [Fact]
    public void ViewsSharingAValueAreRejected()
    {
        var buffer = new float[4 * 24];
        // Columns [0, 9) and [8, 24): column 8 is in both.
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyTransposedB<float>(buffer, 24, new float[16 * 9], 9, buffer.AsSpan(8), 24, 4, 16, 9, false));
        Assert.Equal("c", error.ParamName);
        Assert.Contains("Gemm.MultiplyTransposedB: 'c' overlaps 'a'", error.Message);
        // A [2, 20] from column 8 with ld 24: its first row runs on into the next row's columns [0, 4),
        // which are C's first row.
        error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(buffer.AsSpan(8), 24, new float[20 * 4], 4, buffer.AsSpan(24), 24, 2, 4, 20, false));
        Assert.Equal("c", error.ParamName);
        Assert.Contains("Gemm.Multiply: 'c' overlaps 'a'", error.Message);
        // Different leading dimensions: overlapping spans are rejected even where no value is shared
        // (B's rows are [0, 4) and [24, 28), C is [8, 16)).
        error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(new float[4], 2, buffer, 24, buffer.AsSpan(8), 4, 2, 4, 2, false));
        Assert.Contains("'c' overlaps 'b'", error.Message);
    }

    [Fact]
    public void WrongLeadingDimensionsNameTheArgument()
    {
        var tooShort = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.MultiplyTransposedB<float>(new float[100], 20, new float[120], 30, new float[8], 4, 2, 4, 30, false));
        Assert.Equal("lda", tooShort.ParamName);
        Assert.Contains("Gemm.MultiplyTransposedB: 'lda' is 20; expected at least 30 (k, the length of a row of 'a').", tooShort.Message);

        tooShort = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply<float>(new float[6], 3, new float[6], 2, new float[8], 1, 2, 2, 3, false));
        Assert.Equal("ldc", tooShort.ParamName);
        Assert.Contains("'ldc' is 1; expected at least 2 (n, the length of a row of 'c')", tooShort.Message);

        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyTransposedA<float>(new float[6], 2, new float[7], 3, new float[9], 5, 2, 2, 3, false));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("Gemm.MultiplyTransposedA: 'b' has 7 values; expected at least 8 ((k - 1) × ldb + n = (3 - 1) × 3 + 2).", error.Message);

        error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(new float[6], 3, new float[6], 2, new float[6], 5, 2, 2, 3, false));
        Assert.Equal("c", error.ParamName);
        Assert.Contains("'c' has 6 values; expected at least 7 ((m - 1) × ldc + n = (2 - 1) × 5 + 2).", error.Message);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply<float>([], -1, [], 0, [], 0, 0, 0, 0, false));
        Assert.Equal("lda", negative.ParamName);
    }

    [Fact]
    public void EmptyViewsNeedNoValues()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        Gemm.MultiplyTransposedB<float>([], 0, [], 0, c, 3, 2, 2, 0, accumulate: false);
        Assert.Equal(new float[] { 0, 0, 3, 0, 0, 6 }, c);
        Gemm.Multiply<float>([], 5, new float[15], 3, [], 4, 0, 3, 5, accumulate: false);
    }

    [Fact]
    public void ViewsAllocateNothing()
    {
        var a = new float[64 * 800];
        var b = new float[130 * 800];
        var c = new float[64 * 140];
        Allocations.AssertNone(() =>
        {
            Gemm.MultiplyTransposedB<float>(a, 800, b, 800, c, 140, 64, 130, 784, false);
            Gemm.Multiply<float>(c, 140, b, 790, a, 800, 64, 787, 130, true);
            Gemm.MultiplyTransposedA<float>(c, 140, a, 800, b.AsSpan(3), 800, 130, 787, 64, true);
        }, callsPerRound: 5);
    }

    /// <summary>
    /// Runs one product on strided views inside wider buffers and checks that C's view holds exactly
    /// the dense product's bits, that no value of C's buffer outside the view changed, and (through
    /// NaN in every value of A's and B's buffers outside their views) that nothing outside the input
    /// views was used.
    /// </summary>
    private static void CheckView<T>(Product product, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int seed = (m * 1000 + n) * 1000 + k;
        (int aRows, int aCols) = product == Product.TransposedA ? (k, m) : (m, k);
        (int bRows, int bCols) = product == Product.TransposedB ? (n, k) : (k, n);
        T[] a = Random<T>(aRows * aCols, seed);
        T[] b = Random<T>(bRows * bCols, seed + 1);
        T[] initial = Random<T>(m * n, seed + 2);
        T[] expected = (T[])initial.Clone();
        Run<T>(product, a, aCols, b, bCols, expected, n, m, n, k, accumulate);

        int lda = aCols + 3, ldb = bCols + 5, ldc = n + 7;
        T[] aView = Embed(a, aRows, aCols, lda, before: 2, T.NaN);
        T[] bView = Embed(b, bRows, bCols, ldb, before: 4, T.NaN);
        const int cBefore = 6;
        T[] cBuffer = Random<T>(cBefore + m * ldc + 3, seed + 3);
        T[] untouched = (T[])cBuffer.Clone();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
                cBuffer[cBefore + i * ldc + j] = accumulate ? initial[i * n + j] : T.NaN;
        }
        Run<T>(product, aView.AsSpan(2), lda, bView.AsSpan(4), ldb, cBuffer.AsSpan(cBefore), ldc, m, n, k, accumulate);

        for (int index = 0; index < cBuffer.Length; index++)
        {
            int offset = index - cBefore;
            bool inView = offset >= 0 && offset / ldc < m && offset % ldc < n;
            T wanted = inView ? expected[offset / ldc * n + offset % ldc] : untouched[index];
            if (!Bits(cBuffer[index]).Equals(Bits(wanted)))
                Assert.Fail($"{product}<{typeof(T).Name}> m={m} n={n} k={k} accumulate={accumulate}: " +
                            $"c[{index}] (view row {offset / ldc}, column {offset % ldc}{(inView ? "" : ", outside the view")}) " +
                            $"is {cBuffer[index]}, expected {wanted}.");
        }
    }

    /// <summary>
    /// The full product against the same product computed in pieces: column ranges and row ranges whose
    /// widths are below, at and above the vector width, with C's rows ldc = n apart.
    /// </summary>
    private static void CheckSplits<T>(Product product, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int seed = (m * 1000 + n) * 1000 + k;
        (int aRows, int aCols) = product == Product.TransposedA ? (k, m) : (m, k);
        (int bRows, int bCols) = product == Product.TransposedB ? (n, k) : (k, n);
        T[] a = Random<T>(aRows * aCols, seed);
        T[] b = Random<T>(bRows * bCols, seed + 1);
        T[] initial = Random<T>(m * n, seed + 2);
        T[] whole = (T[])initial.Clone();
        Run<T>(product, a, aCols, b, bCols, whole, n, m, n, k, accumulate);

        int[] cuts = [0, 1, 4, 7, 12, 29, n];
        T[] byColumns = (T[])initial.Clone();
        for (int s = 0; s + 1 < cuts.Length; s++)
        {
            int first = Math.Min(cuts[s], n), width = Math.Min(cuts[s + 1], n) - first;
            if (width == 0)
                continue;
            // Columns of C are rows of B for MultiplyTransposedB and columns of B otherwise.
            int bStart = product == Product.TransposedB ? first * bCols : first;
            Run<T>(product, a, aCols, b.AsSpan(bStart), bCols, byColumns.AsSpan(first), n, m, width, k, accumulate);
        }
        Assert.True(whole.AsSpan().SequenceEqual(byColumns), $"{product}<{typeof(T).Name}> split by columns differs.");

        T[] byRows = (T[])initial.Clone();
        for (int first = 0, height = 1; first < m; first += height, height += 2)
        {
            height = Math.Min(height, m - first);
            // Rows of C are rows of A, or columns of A for MultiplyTransposedA.
            int aStart = product == Product.TransposedA ? first : first * aCols;
            Run<T>(product, a.AsSpan(aStart), aCols, b, bCols, byRows.AsSpan(first * n), n, height, n, k, accumulate);
        }
        Assert.True(whole.AsSpan().SequenceEqual(byRows), $"{product}<{typeof(T).Name}> split by rows differs.");
    }

    private static void InFloatAndDouble(
        Product product, int m, int n, int k, bool accumulate,
        Action<Product, int, int, int, bool> inFloat, Action<Product, int, int, int, bool> inDouble)
    {
        inFloat(product, m, n, k, accumulate);
        inDouble(product, m, n, k, accumulate);
    }

    private static void Run<T>(
        Product product, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (product)
        {
            case Product.TransposedB: Gemm.MultiplyTransposedB(a, lda, b, ldb, c, ldc, m, n, k, accumulate); break;
            case Product.Plain: Gemm.Multiply(a, lda, b, ldb, c, ldc, m, n, k, accumulate); break;
            default: Gemm.MultiplyTransposedA(a, lda, b, ldb, c, ldc, m, n, k, accumulate); break;
        }
    }

    /// <summary>A dense [rows, cols] matrix copied into a buffer with rows ld apart, <paramref name="before"/> values in, every other value <paramref name="fill"/>.</summary>
    private static T[] Embed<T>(T[] dense, int rows, int cols, int ld, int before, T fill)
    {
        var buffer = new T[before + rows * ld + 2];
        Array.Fill(buffer, fill);
        for (int r = 0; r < rows; r++)
            dense.AsSpan(r * cols, cols).CopyTo(buffer.AsSpan(before + r * ld));
        return buffer;
    }

    /// <summary>The value's bits, so that NaN equals NaN and −0 differs from +0.</summary>
    private static ulong Bits<T>(T value)
        where T : unmanaged
        => typeof(T) == typeof(float) ? BitConverter.SingleToUInt32Bits((float)(object)value) : BitConverter.DoubleToUInt64Bits((double)(object)value);

    private static T[] Random<T>(int length, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(TestData.Uniform(length, seed), v => T.CreateTruncating(v));
}
