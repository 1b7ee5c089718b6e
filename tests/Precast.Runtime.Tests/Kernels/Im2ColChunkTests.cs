using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="Im2ColConvolution"/> (and <see cref="TransposedConvolution"/>, which runs the same
/// products) multiplies <see cref="Im2ColConvolution.SamplesPerChunk"/> samples at a time. Here every
/// pass on batches around the chunk size (one sample, a chunk less one, a chunk, a chunk and one, two
/// chunks and three more) is compared with the same pass run one sample at a time, which takes the
/// one-sample path: the forward pass and the data gradient compute each value by the same operations
/// either way (the matrix kernels' values depend on k alone), so they must agree to the bit, except a
/// forward pass with more than 512 taps, whose bias is added after the products' blocks rather than
/// before; the weight gradient sums longer dot products and is checked against the double reference.
/// </summary>
public class Im2ColChunkTests
{
    /// <summary>Geometries by name; each states its samples per chunk, which the test checks.</summary>
    private static readonly Dictionary<string, (Conv2DGeometry Geometry, int SamplesPerChunk)> Geometries = new()
    {
        // P = 49: ceil(512 / 49) = 11 samples.
        ["16→16 3×3 pad 1, 7×7"] = (Conv2DGeometry.Same(16, 7, 7, 16, 3, 3), 11),
        // Groups, stride, dilation and uneven padding: P = 5·4 = 20, 26 samples.
        ["groups 2: 6→4 3×3 stride 2×3 dilation 2×1 pad 2/1/1/0, 11×12"] = (Conv2DGeometry.Create(6, 11, 12, 4, 3, 3, 2, 3, 2, 1, 1, 0, 2, 1, groups: 2), 26),
        // K = 576 taps, more than one block of the matrix kernels: P = 25, and the scratch bound,
        // 2^18 / (25·584) = 17 samples rather than 21.
        ["64→8 3×3 pad 1, 5×5"] = (Conv2DGeometry.Same(64, 5, 5, 8, 3, 3), 17),
        // A strided 1×1 projection: P = 49, 11 samples.
        ["1×1 stride 2, 8→16, 14×14"] = (Conv2DGeometry.Create(8, 14, 14, 16, 1, 1, 2, 2), 11),
        // A 1-D convolution: P = 40, 13 samples.
        ["Conv1D 3→4 k5 pad 2, 40"] = (Conv2DGeometry.Create(3, 1, 40, 4, 1, 5, 1, 1, 0, 0, 2, 2), 13),
        // P = 196 as ResNet's 14×14 stage, 3 samples; depthwise.
        ["depthwise 4 3×3 pad 1, 14×14"] = (Conv2DGeometry.Same(4, 14, 14, 4, 3, 3, groups: 4), 3),
    };

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach ((string name, (_, int g)) in Geometries)
        {
            foreach (int batch in new[] { 1, 2, g - 1, g, g + 1, 2 * g + 3 }.Where(b => b >= 1).Distinct())
                cases.Add(name, batch);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChunksComputeWhatSamplesOneAtATimeDo(string name, int batch)
    {
        (Conv2DGeometry g, int samplesPerChunk) = Geometries[name];
        Assert.Equal(samplesPerChunk, Im2ColConvolution.SamplesPerChunk(g));
        Check<float>(g, batch, 3e-6);
        Check<double>(g, batch, 1e-14);
    }

    [Fact]
    public void ChunksShareTheBatchEvenly()
    {
        // At 11 per chunk, 12 samples are two chunks of 6 (not 11 and 1), 23 are 7, 8 and 8 (not 11, 11
        // and 1), 64 are 10, 10, 11, 11, 11, 11. The widest chunk shows in the scratch: its columns
        // [K, widest·P] and product [Og, widest·P] are written from the start, the rest stays untouched.
        Conv2DGeometry g = Conv2DGeometry.Same(16, 7, 7, 16, 3, 3);
        Assert.Equal(11, Im2ColConvolution.SamplesPerChunk(g));
        Assert.Equal(11 * 49 * (144 + 16), Im2ColConvolution.ColumnsLength(g));
        foreach (int batch in new[] { 12, 23, 64 })
        {
            int chunks = (batch + 10) / 11;
            float[] scratch = new float[Im2ColConvolution.ColumnsLength(g)];
            Array.Fill(scratch, float.NaN);
            Im2ColConvolution.Forward<float>(new float[batch * g.InputLength], new float[g.WeightLength], [], new float[batch * g.OutputLength], scratch, g, batch);
            int widest = (batch + chunks - 1) / chunks;
            int written = Array.FindLastIndex(scratch, v => !float.IsNaN(v)) + 1;
            Assert.Equal(widest * 49 * 144 + 16 * widest * 49, written);
        }
    }

    private static void Check<T>(Conv2DGeometry g, int batch, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string label = $"{g} batch {batch} <{typeof(T).Name}>";
        int seed = g.GetHashCode() & 0xFFFF;
        T[] x = TestData.Convert<T>(TestData.Uniform(batch * g.InputLength, seed));
        T[] w = TestData.Convert<T>(TestData.Uniform(g.WeightLength, seed + 1));
        T[] b = TestData.Convert<T>(TestData.Uniform(g.OutChannels, seed + 2));
        T[] dy = TestData.Convert<T>(TestData.Uniform(batch * g.OutputLength, seed + 3));
        T[] before = TestData.Convert<T>(TestData.Uniform(batch * g.InputLength, seed + 4));
        T[] scratch = new T[Im2ColConvolution.ColumnsLength(g)];
        int k = g.GroupInChannels * g.KernelHeight * g.KernelWidth;

        // Forward, with and without the bias.
        foreach (bool withBias in new[] { true, false })
        {
            ReadOnlySpan<T> bias = withBias ? b : [];
            T[] batched = new T[batch * g.OutputLength], single = new T[batched.Length];
            Im2ColConvolution.Forward<T>(x, w, bias, batched, scratch, g, batch);
            for (int n = 0; n < batch; n++)
                Im2ColConvolution.Forward<T>(Sample(x, n, g.InputLength), w, bias, Sample(single, n, g.OutputLength), scratch, g, 1);
            if (k <= 512 || !withBias)
                Assert.True(single.AsSpan().SequenceEqual(batched), $"{label} forward (bias {withBias}) differs from one sample at a time");
            else
                AssertClose(batched, single, relative * k, $"{label} forward");
        }

        // The data gradient, written and added; the transposed convolution's forward pass is the same product.
        foreach (bool accumulate in new[] { false, true })
        {
            T[] batched = accumulate ? (T[])before.Clone() : Filled<T>(before.Length, T.NaN), single = (T[])batched.Clone();
            Im2ColConvolution.BackwardData<T>(dy, w, batched, scratch, g, batch, accumulate);
            for (int n = 0; n < batch; n++)
                Im2ColConvolution.BackwardData<T>(Sample(dy, n, g.OutputLength), w, Sample(single, n, g.InputLength), scratch, g, 1, accumulate);
            Assert.True(single.AsSpan().SequenceEqual(batched), $"{label} data gradient (accumulate {accumulate}) differs from one sample at a time");

            // The transposed convolution's data gradient is the forward product, here added or written.
            T[] transposed = accumulate ? TestData.Convert<T>(TestData.Uniform(batch * g.OutputLength, seed + 5)) : Filled<T>(batch * g.OutputLength, T.NaN);
            T[] transposedSingle = (T[])transposed.Clone();
            TransposedConvolution.BackwardData<T>(x, w, transposed, scratch, g, batch, accumulate);
            for (int n = 0; n < batch; n++)
                TransposedConvolution.BackwardData<T>(Sample(x, n, g.InputLength), w, Sample(transposedSingle, n, g.OutputLength), scratch, g, 1, accumulate);
            if (k <= 512 || !accumulate)
                Assert.True(transposedSingle.AsSpan().SequenceEqual(transposed), $"{label} transposed data gradient (accumulate {accumulate}) differs from one sample at a time");
            else
                AssertClose(transposed, transposedSingle, relative * k, $"{label} transposed data gradient");
        }

        // The parameter gradients, added, against the double reference.
        double[] xd = ToDouble(x), dyd = ToDouble(dy);
        (double[] dw, double[] dwSize, double[] db, double[] dbSize) = ConvolutionReference.BackwardWeights(xd, dyd, g, batch);
        double[] wBefore = TestData.Uniform(dw.Length, seed + 6), bBefore = TestData.Uniform(db.Length, seed + 7);
        T[] dwActual = TestData.Convert<T>(wBefore), dbActual = TestData.Convert<T>(bBefore);
        Im2ColConvolution.BackwardWeights<T>(x, dy, dwActual, dbActual, scratch, g, batch);
        AssertNear(dwActual, dw, dwSize, ToDouble(TestData.Convert<T>(wBefore)), relative, $"{label} weight gradient");
        AssertNear(dbActual, db, dbSize, ToDouble(TestData.Convert<T>(bBefore)), relative, $"{label} bias gradient");

        // The transposed convolution's weight gradient: the convolution's with input dy' and output gradient x'.
        T[] dyIn = TestData.Convert<T>(TestData.Uniform(batch * g.InputLength, seed + 8));
        (dw, dwSize, _, _) = ConvolutionReference.BackwardWeights(ToDouble(dyIn), dyd, g, batch);
        dwActual = TestData.Convert<T>(wBefore);
        TransposedConvolution.BackwardWeights<T>(dy, dyIn, dwActual, [], scratch, g, batch);
        AssertNear(dwActual, dw, dwSize, ToDouble(TestData.Convert<T>(wBefore)), relative, $"{label} transposed weight gradient");
    }

    private static Span<T> Sample<T>(T[] values, int n, int length) => values.AsSpan(n * length, length);

    /// <summary>Each value within <paramref name="relative"/> of the sum of the absolute values of its terms, plus what the buffer held.</summary>
    private static void AssertNear<T>(T[] actual, double[] expected, double[] magnitude, double[] before, double relative, string label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double want = before[i] + expected[i], got = double.CreateTruncating(actual[i]);
            double tolerance = relative * (magnitude[i] + Math.Abs(before[i])) + 1e-30;
            if (!(Math.Abs(got - want) <= tolerance))
                Assert.Fail($"{label}: value {i} of {expected.Length} is {got:R}; expected {want:R} (tolerance {tolerance:E2}).");
        }
    }

    /// <summary>Two results of the same sums in different orders: within <paramref name="relative"/> of the larger magnitude.</summary>
    private static void AssertClose<T>(T[] actual, T[] expected, double relative, string label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double got = double.CreateTruncating(actual[i]), want = double.CreateTruncating(expected[i]);
            if (!(Math.Abs(got - want) <= relative * Math.Max(1, Math.Abs(want))))
                Assert.Fail($"{label}: value {i} of {expected.Length} is {got:R}; one sample at a time gives {want:R}.");
        }
    }

    private static double[] ToDouble<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(values, v => double.CreateTruncating(v));

    private static T[] Filled<T>(int length, T value)
    {
        var values = new T[length];
        values.AsSpan().Fill(value);
        return values;
    }
}
