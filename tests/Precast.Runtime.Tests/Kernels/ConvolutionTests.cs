using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// Every convolution algorithm against <see cref="ConvolutionReference"/> on shapes that cover
/// strides 1 to 3, symmetric, asymmetric ("same") and no padding, dilation, groups, depthwise with
/// multipliers 1 and 2, non-square kernels and inputs, 1×1, 1-D, rows narrower than a vector and
/// wider than the staging buffer, channel counts that are no multiple of a vector or of a tile,
/// batch 1 and 3, float and double, and both values of accumulate.
/// </summary>
public class ConvolutionTests
{
    public static TheoryData<string> Cases => new(ConvolutionCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryAlgorithmMatchesTheReference(string name)
    {
        (Conv2DGeometry g, int batch) = ConvolutionCases.All[name];
        foreach (Algorithm algorithm in Enum.GetValues<Algorithm>())
        {
            if (!ConvolutionAlgorithms.Applies(algorithm, g))
                continue;
            foreach (bool accumulate in new[] { false, true })
            {
                Check<float>(algorithm, g, batch, accumulate, 3e-6, $"{name}");
                Check<double>(algorithm, g, batch, accumulate, 1e-14, $"{name}");
            }
        }
    }

    /// <summary>Seeds of the randomly drawn geometries.</summary>
    public static TheoryData<int> Seeds => new(Enumerable.Range(0, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryAlgorithmMatchesTheReferenceOnRandomGeometries(int seed)
    {
        (Conv2DGeometry g, int batch) = ConvolutionCases.Random(seed);
        foreach (Algorithm algorithm in Enum.GetValues<Algorithm>())
        {
            if (!ConvolutionAlgorithms.Applies(algorithm, g))
                continue;
            bool accumulate = seed % 2 == 0;
            Check<float>(algorithm, g, batch, accumulate, 3e-6, $"seed {seed}: {g}");
            Check<double>(algorithm, g, batch, !accumulate, 1e-14, $"seed {seed}: {g}");
        }
    }

    /// <summary>
    /// The named cases whose padding PyTorch's ConvTranspose2d can state (output padding 0 or more and
    /// below the stride or the dilation), so that every case listed runs.
    /// </summary>
    public static TheoryData<string> TransposableCases => new(ConvolutionCases.All.Keys.Where(name => Transposable(ConvolutionCases.All[name].Geometry)));

    /// <summary>The first 40 seeds whose random geometry is transposable.</summary>
    public static TheoryData<int> TransposableSeeds => new(Enumerable.Range(0, 1000).Where(seed => Transposable(ConvolutionCases.Random(seed).Geometry)).Take(40));

    [Theory]
    [MemberData(nameof(TransposableCases))]
    public void TransposedMatchesPyTorchsDefinition(string name) => CheckTransposedCase(ConvolutionCases.All[name]);

    [Theory]
    [MemberData(nameof(TransposableSeeds))]
    public void TransposedMatchesPyTorchsDefinitionOnRandomGeometries(int seed) => CheckTransposedCase(ConvolutionCases.Random(seed));

    /// <summary>Whether the convolution's implied padding is that of a ConvTranspose2d: PadTop − PadBottom is an output padding PyTorch accepts.</summary>
    private static bool Transposable(Conv2DGeometry conv)
    {
        int outputPaddingHeight = conv.PadTop - conv.PadBottom, outputPaddingWidth = conv.PadLeft - conv.PadRight;
        return outputPaddingHeight >= 0 && outputPaddingWidth >= 0
            && outputPaddingHeight < Math.Max(conv.StrideHeight, conv.DilationHeight) && outputPaddingWidth < Math.Max(conv.StrideWidth, conv.DilationWidth);
    }

    private static void CheckTransposedCase((Conv2DGeometry Geometry, int Batch) testCase)
    {
        // The case's convolution read as a ConvTranspose2d from its output side back to its input side.
        (Conv2DGeometry conv, int batch) = testCase;
        int outputPaddingHeight = conv.PadTop - conv.PadBottom, outputPaddingWidth = conv.PadLeft - conv.PadRight;
        Conv2DGeometry g = Conv2DGeometry.ForTransposed(
            conv.OutChannels, conv.OutHeight, conv.OutWidth, conv.InChannels, conv.KernelHeight, conv.KernelWidth,
            conv.StrideHeight, conv.StrideWidth, conv.PadTop, conv.PadLeft, outputPaddingHeight, outputPaddingWidth,
            conv.DilationHeight, conv.DilationWidth, conv.Groups);
        Assert.Equal(conv, g);
        foreach (bool accumulate in new[] { false, true })
        {
            CheckTransposed<float>(g, batch, accumulate, 3e-6);
            CheckTransposed<double>(g, batch, accumulate, 1e-14);
        }
    }

    [Theory]
    [InlineData(1, 0, 0, new double[] { 4, 3, 4, 2, 4, 3, 2, 3, 4 })]
    [InlineData(2, 0, 0, new double[] { 4, 4, 2, 4 })]
    [InlineData(2, 1, 1, new double[] { 2, 3, 1, 1, 4, 3, 0, 2, 1 })]
    public void TheWorkedExampleOfTheDesign(int stride, int padTop, int padBottom, double[] expected)
    {
        // Stride 2 "same" on 5×5 with 3×3: output 3×3, total padding 2, one each side.
        double[] x = [1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0];
        double[] w = [1, 0, 1, 0, 1, 0, 1, 0, 1];
        Conv2DGeometry g = padTop > 0
            ? Conv2DGeometry.Same(1, 5, 5, 1, 3, 3, stride, stride)
            : Conv2DGeometry.Create(1, 5, 5, 1, 3, 3, stride, stride, padTop, padBottom, padTop, padBottom);
        Assert.Equal(padTop, g.PadTop);
        Assert.Equal(padBottom, g.PadBottom);
        foreach (Algorithm algorithm in new[] { Algorithm.Im2Col, Algorithm.Direct, Algorithm.Depthwise })
        {
            var y = new float[expected.Length];
            ConvolutionAlgorithms.Forward<float>(algorithm, TestData.ToSingle(x), TestData.ToSingle(w), [], y, ConvolutionAlgorithms.Scratch<float>(algorithm, g), g, 1);
            Assert.Equal(TestData.ToSingle(expected), y);
        }
    }

    [Fact]
    public void TransposedIsTheAdjointOfTheConvolution()
    {
        // <conv(x), z> = <x, convᵀ(z)> for the stride-2 "same" example's geometry with channels and groups.
        Conv2DGeometry g = Conv2DGeometry.Same(4, 7, 6, 6, 3, 3, 2, 2, groups: 2);
        double[] x = TestData.Uniform(2 * g.InputLength, 1), z = TestData.Uniform(2 * g.OutputLength, 2), w = TestData.Uniform(g.WeightLength, 3);
        var y = new double[z.Length];
        var back = new double[x.Length];
        Im2ColConvolution.Forward<double>(x, w, [], y, new double[Im2ColConvolution.ColumnsLength(g)], g, 2);
        TransposedConvolution.Forward<double>(z, w, [], back, new double[TransposedConvolution.ColumnsLength(g)], g, 2);
        Assert.Equal(GradientCheck.Weighted(y, z), GradientCheck.Weighted(x, back), 1e-12);
    }

    [Fact]
    public void OtherElementTypesRunTheScalarLoops()
    {
        Conv2DGeometry g = Conv2DGeometry.Create(1, 3, 3, 1, 2, 2);
        Half[] x = [(Half)1, (Half)2, (Half)3, (Half)4, (Half)5, (Half)6, (Half)7, (Half)8, (Half)9];
        Half[] w = [(Half)1, (Half)0, (Half)0, (Half)1];
        var y = new Half[4];
        DirectConvolution.Forward<Half>(x, w, [], y, g, 1);
        Assert.Equal(new[] { (Half)6, (Half)8, (Half)12, (Half)14 }, y);
        y.AsSpan().Clear();
        Im2ColConvolution.Forward<Half>(x, w, [], y, new Half[Im2ColConvolution.ColumnsLength(g)], g, 1);
        Assert.Equal(new[] { (Half)6, (Half)8, (Half)12, (Half)14 }, y);
    }

    /// <summary>
    /// Runs forward, data gradient and parameter gradients of one algorithm in <typeparamref name="T"/>
    /// and compares each value with the reference, within <paramref name="relative"/> of the sum of
    /// the absolute values of its terms. Outputs sit in buffers that already hold values (NaN when
    /// they must be overwritten), so a value left unwritten or added to twice fails.
    /// </summary>
    private static void Check<T>(Algorithm algorithm, Conv2DGeometry g, int batch, bool accumulate, double relative, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string label = $"{name} {algorithm}<{typeof(T).Name}> accumulate={accumulate}";
        int seed = g.GetHashCode() & 0xFFFF;
        double[] x = Round<T>(TestData.Uniform(batch * g.InputLength, seed));
        double[] w = Round<T>(TestData.Uniform(g.WeightLength, seed + 1));
        double[] b = Round<T>(TestData.Uniform(g.OutChannels, seed + 2));
        double[] dy = Round<T>(TestData.Uniform(batch * g.OutputLength, seed + 3));
        T[] scratch = ConvolutionAlgorithms.Scratch<T>(algorithm, g);
        scratch.AsSpan().Fill(T.NaN);

        // Forward, with and without the bias.
        (double[] y, double[] ySize) = ConvolutionReference.Forward(x, w, b, g, batch);
        T[] actual = Filled<T>(y.Length, T.NaN);
        ConvolutionAlgorithms.Forward<T>(algorithm, TestData.Convert<T>(x), TestData.Convert<T>(w), TestData.Convert<T>(b), actual, scratch, g, batch);
        Compare(actual, y, ySize, new double[y.Length], relative, label + " forward");
        (y, ySize) = ConvolutionReference.Forward(x, w, [], g, batch);
        ConvolutionAlgorithms.Forward<T>(algorithm, TestData.Convert<T>(x), TestData.Convert<T>(w), [], actual, scratch, g, batch);
        Compare(actual, y, ySize, new double[y.Length], relative, label + " forward without bias");

        // The data gradient, written or added.
        (double[] dx, double[] dxSize) = ConvolutionReference.BackwardData(dy, w, g, batch);
        double[] before = accumulate ? Round<T>(TestData.Uniform(dx.Length, seed + 4)) : new double[dx.Length];
        actual = accumulate ? TestData.Convert<T>(before) : Filled<T>(dx.Length, T.NaN);
        ConvolutionAlgorithms.BackwardData<T>(algorithm, TestData.Convert<T>(dy), TestData.Convert<T>(w), actual, scratch, g, batch, accumulate);
        Compare(actual, dx, dxSize, before, relative, label + " data gradient");

        // The parameter gradients, always added.
        (double[] dw, double[] dwSize, double[] db, double[] dbSize) = ConvolutionReference.BackwardWeights(x, dy, g, batch);
        double[] wBefore = Round<T>(TestData.Uniform(dw.Length, seed + 5));
        double[] bBefore = Round<T>(TestData.Uniform(db.Length, seed + 6));
        T[] dwActual = TestData.Convert<T>(wBefore), dbActual = TestData.Convert<T>(bBefore);
        ConvolutionAlgorithms.BackwardWeights<T>(algorithm, TestData.Convert<T>(x), TestData.Convert<T>(dy), dwActual, dbActual, scratch, g, batch);
        Compare(dwActual, dw, dwSize, wBefore, relative, label + " weight gradient");
        Compare(dbActual, db, dbSize, bBefore, relative, label + " bias gradient");
        // Without a bias gradient.
        dwActual = TestData.Convert<T>(wBefore);
        ConvolutionAlgorithms.BackwardWeights<T>(algorithm, TestData.Convert<T>(x), TestData.Convert<T>(dy), dwActual, [], scratch, g, batch);
        Compare(dwActual, dw, dwSize, wBefore, relative, label + " weight gradient without bias");
    }

    /// <summary>The transposed convolution's three passes against PyTorch's definition and the convolution's reference.</summary>
    private static void CheckTransposed<T>(Conv2DGeometry g, int batch, bool accumulate, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string label = $"Transposed<{typeof(T).Name}> {g} accumulate={accumulate}";
        int seed = g.GetHashCode() & 0xFFFF;
        double[] x = Round<T>(TestData.Uniform(batch * g.OutputLength, seed));
        double[] w = Round<T>(TestData.Uniform(g.WeightLength, seed + 1));
        double[] b = Round<T>(TestData.Uniform(g.InChannels, seed + 2));
        double[] dy = Round<T>(TestData.Uniform(batch * g.InputLength, seed + 3));
        T[] scratch = Filled<T>(TransposedConvolution.ColumnsLength(g), T.NaN);

        (double[] y, double[] ySize, int outH, int outW) = ConvolutionReference.TransposedForward(
            x, w, b, batch, g.OutChannels, g.OutHeight, g.OutWidth, g.InChannels, g.KernelHeight, g.KernelWidth,
            g.StrideHeight, g.StrideWidth, g.PadTop, g.PadLeft, g.PadTop - g.PadBottom, g.PadLeft - g.PadRight,
            g.DilationHeight, g.DilationWidth, g.Groups);
        Assert.Equal((g.InHeight, g.InWidth), (outH, outW));
        T[] actual = Filled<T>(y.Length, T.NaN);
        TransposedConvolution.Forward<T>(TestData.Convert<T>(x), TestData.Convert<T>(w), TestData.Convert<T>(b), actual, scratch, g, batch);
        Compare(actual, y, ySize, new double[y.Length], relative, label + " forward");

        // Its data gradient is the convolution's forward pass (no bias).
        (double[] dx, double[] dxSize) = ConvolutionReference.Forward(dy, w, [], g, batch);
        double[] before = accumulate ? Round<T>(TestData.Uniform(dx.Length, seed + 4)) : new double[dx.Length];
        actual = accumulate ? TestData.Convert<T>(before) : Filled<T>(dx.Length, T.NaN);
        TransposedConvolution.BackwardData<T>(TestData.Convert<T>(dy), TestData.Convert<T>(w), actual, scratch, g, batch, accumulate);
        Compare(actual, dx, dxSize, before, relative, label + " data gradient");

        // Its weight gradient is the convolution's with input dy and output gradient x; the bias is per output channel.
        (double[] dw, double[] dwSize, _, _) = ConvolutionReference.BackwardWeights(dy, x, g, batch);
        (double[] db, double[] dbSize) = ChannelSums(dy, batch, g.InChannels, g.InHeight * g.InWidth);
        double[] wBefore = Round<T>(TestData.Uniform(dw.Length, seed + 5)), bBefore = Round<T>(TestData.Uniform(db.Length, seed + 6));
        T[] dwActual = TestData.Convert<T>(wBefore), dbActual = TestData.Convert<T>(bBefore);
        TransposedConvolution.BackwardWeights<T>(TestData.Convert<T>(x), TestData.Convert<T>(dy), dwActual, dbActual, scratch, g, batch);
        Compare(dwActual, dw, dwSize, wBefore, relative, label + " weight gradient");
        Compare(dbActual, db, dbSize, bBefore, relative, label + " bias gradient");
    }

    /// <summary><c>Σ_n Σ_p values[n, c, p]</c> per channel, and the sums of the absolute values.</summary>
    private static (double[] Sums, double[] Magnitude) ChannelSums(double[] values, int batch, int channels, int plane)
    {
        var sums = new double[channels];
        var magnitude = new double[channels];
        for (int n = 0; n < batch; n++)
        for (int c = 0; c < channels; c++)
        for (int p = 0; p < plane; p++)
        {
            sums[c] += values[(n * channels + c) * plane + p];
            magnitude[c] += Math.Abs(values[(n * channels + c) * plane + p]);
        }
        return (sums, magnitude);
    }

    private static void Compare<T>(T[] actual, double[] expected, double[] magnitude, double[] before, double relative, string label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double want = before[i] + expected[i];
            double got = double.CreateTruncating(actual[i]);
            double tolerance = relative * (magnitude[i] + Math.Abs(before[i])) + 1e-30;
            if (!(Math.Abs(got - want) <= tolerance))
                Assert.Fail($"{label}: value {i} of {expected.Length} is {got:R}; expected {want:R} (tolerance {tolerance:E2}).");
        }
    }

    private static double[] Round<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(values, v => double.CreateTruncating(T.CreateTruncating(v)));

    private static T[] Filled<T>(int length, T value)
    {
        var values = new T[length];
        values.AsSpan().Fill(value);
        return values;
    }
}
