using Precast.Kernels;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>The geometry's factories and checks, the kernels' argument checks and their allocations.</summary>
public class ConvolutionArgumentTests
{
    [Fact]
    public void CreateComputesPyTorchsOutputSize()
    {
        // ⌊(H + pt + pb − d·(k − 1) − 1) / s⌋ + 1: ⌊(8 + 1 + 1 − 2 − 1) / 2⌋ + 1 = 4; ⌊(13 − 4 − 1) / 3⌋ + 1 = 3.
        Conv2DGeometry g = Conv2DGeometry.Create(2, 8, 13, 4, 3, 5, 2, 3, 1, 1, 0, 0);
        Assert.Equal((4, 3), (g.OutHeight, g.OutWidth));
        Assert.Equal((1, 0), (g.PadTop, g.PadBottom)); // the last window ends on the last row: the bottom zero row is never read
        Assert.Equal(-2, g.PadRight); // columns 11 and 12 are never read: fewer than the stride of 3
        Assert.Equal((2 * 8 * 13, 4 * 4 * 3, 4 * 2 * 3 * 5), (g.InputLength, g.OutputLength, g.WeightLength));
    }

    [Fact]
    public void SameGivesTheTopAndLeftTheSmallerHalf()
    {
        // Keras: 6 rows at stride 2 with 3 taps: 3 outputs, total padding (3 − 1)·2 + 3 − 6 = 1, all at the bottom.
        Conv2DGeometry g = Conv2DGeometry.Same(1, 6, 7, 1, 3, 4, 2, 1);
        Assert.Equal((3, 0, 1), (g.OutHeight, g.PadTop, g.PadBottom));
        // 7 columns at stride 1 with 4 taps: total 3, left 1, right 2.
        Assert.Equal((7, 1, 2), (g.OutWidth, g.PadLeft, g.PadRight));
        // A dilated "same" at stride 1 keeps the size: extent 2·(5 − 1) + 1 = 9, total 8, 4 each side.
        g = Conv2DGeometry.Same(3, 10, 10, 3, 5, 5, dilationHeight: 2, dilationWidth: 2, groups: 3);
        Assert.Equal((10, 4, 4), (g.OutHeight, g.PadTop, g.PadBottom));
    }

    [Fact]
    public void ForTransposedIsTheConvolutionItTransposes()
    {
        // ConvTranspose2d(4, 6, 3, stride 2, padding 1, output_padding 1) on 5×5: (5 − 1)·2 − 2 + 2 + 1 + 1 = 10.
        Conv2DGeometry g = Conv2DGeometry.ForTransposed(4, 5, 5, 6, 3, 3, 2, 2, 1, 1, 1, 1);
        Assert.Equal(new Conv2DGeometry(6, 10, 10, 4, 5, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1), g);
        Assert.Equal(0, g.PadBottom); // padding − output_padding
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DGeometry.ForTransposed(4, 5, 5, 6, 3, 3, 2, 2, 1, 1, 2, 0));
        Assert.Contains("Conv2DGeometry.ForTransposed: 'outputPaddingHeight' is 2; expected less than the stride 2 or the dilation 1.", error.Message);
    }

    [Fact]
    public void InvalidGeometriesNameTheProperty()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2DGeometry(6, 8, 8, 4, 6, 6, 3, 3, 1, 1, 0, 0, 1, 1, 4).Validate());
        Assert.Equal("geometry", error.ParamName);
        Assert.Contains("Conv2DGeometry.Validate: 'geometry.Groups' is 4; expected a divisor of InChannels = 6 and OutChannels = 4.", error.Message);

        error = Assert.Throws<ArgumentException>(() => new Conv2DGeometry(1, 8, 8, 1, 5, 6, 3, 3, 1, 1, 0, 0, 1, 1, 1).Validate());
        Assert.Contains("'geometry.OutHeight' is 5; expected at least 6", error.Message);

        error = Assert.Throws<ArgumentException>(() => new Conv2DGeometry(1, 8, 8, 1, 6, 6, 3, 0, 1, 1, 0, 0, 1, 1, 1).Validate());
        Assert.Contains("'geometry.KernelWidth' is 0; expected 1 or more.", error.Message);

        error = Assert.Throws<ArgumentException>(() => new Conv2DGeometry(1, 8, 8, 1, 6, 6, 3, 3, 1, 1, -1, 0, 1, 1, 1).Validate());
        Assert.Contains("'geometry.PadTop' is -1; expected 0 or more.", error.Message);

        error = Assert.Throws<ArgumentException>(() => Conv2DGeometry.Create(1, 2, 8, 1, 5, 3));
        Assert.Contains("Conv2DGeometry.Create: the padded input is 2 ('inHeight' 2 + padding 0 + 0); expected at least the kernel's extent 5", error.Message);

        // Every kernel checks the geometry under its own name.
        error = Assert.Throws<ArgumentException>(() =>
            DirectConvolution.Forward<float>([], [], [], [], new Conv2DGeometry(1, 8, 8, 1, 6, 6, 3, 3, 1, 1, 0, 0, 1, 1, 2), 0));
        Assert.Contains("DirectConvolution.Forward: 'geometry.Groups' is 2", error.Message);
    }

    [Fact]
    public void WrongLengthsNameTheArgumentAndTheShape()
    {
        Conv2DGeometry g = Conv2DGeometry.Create(2, 6, 6, 3, 3, 3);
        var error = Assert.Throws<ArgumentException>(() => Im2ColConvolution.Forward<float>(
            new float[2 * 72 - 1], new float[54], [], new float[2 * 48], new float[Im2ColConvolution.ColumnsLength(g)], g, 2));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("Im2ColConvolution.Forward: 'x' has 143 values; expected 144 (batch × InChannels × InHeight × InWidth = 2 × 2 × 6 × 6).", error.Message);

        error = Assert.Throws<ArgumentException>(() => DirectConvolution.BackwardWeights<float>(
            new float[72], new float[48], new float[53], [], g, 1));
        Assert.Contains("DirectConvolution.BackwardWeights: 'dWeight' has 53 values; expected 54 (OutChannels × InChannels/Groups × KernelHeight × KernelWidth = 3 × 2 × 3 × 3).", error.Message);

        error = Assert.Throws<ArgumentException>(() => DirectConvolution.Forward<float>(new float[72], new float[54], new float[2], new float[48], g, 1));
        Assert.Contains("DirectConvolution.Forward: 'bias' has 2 values; expected 3 (OutChannels), or none.", error.Message);

        error = Assert.Throws<ArgumentException>(() => Im2ColConvolution.BackwardData<float>(
            new float[48], new float[54], new float[72], new float[10], g, 1, false));
        Assert.Equal("columns", error.ParamName);
        Assert.Contains("Im2ColConvolution.BackwardData: 'columns' has 10 values; expected at least 10752 (Im2ColConvolution.ColumnsLength(geometry)).", error.Message);

        error = Assert.Throws<ArgumentException>(() => TransposedConvolution.Forward<float>(
            new float[72], new float[54], [], new float[48], new float[288], g, 1));
        Assert.Contains("TransposedConvolution.Forward: 'x' has 72 values; expected 48 (batch × OutChannels × OutHeight × OutWidth = 1 × 3 × 4 × 4).", error.Message);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => DirectConvolution.Forward<float>([], new float[54], [], [], g, -1));
        Assert.Equal("batch", negative.ParamName);
    }

    [Fact]
    public void EachAlgorithmRefusesGeometriesItDoesNotCompute()
    {
        Conv2DGeometry g = Conv2DGeometry.Create(2, 6, 6, 4, 3, 3);
        var error = Assert.Throws<ArgumentException>(() => PointwiseConvolution.Forward<float>(new float[72], new float[72], [], new float[64], g, 1));
        Assert.Contains("PointwiseConvolution.Forward: 'geometry' is a 3×3 convolution with stride 1×1", error.Message);
        error = Assert.Throws<ArgumentException>(() => DepthwiseConvolution.BackwardData<float>(new float[64], new float[72], new float[72], g, 1, false));
        Assert.Contains("DepthwiseConvolution.BackwardData: 'geometry.Groups' is 1; expected InChannels = 2", error.Message);
    }

    [Fact]
    public void OverlappingBuffersAreRejected()
    {
        Conv2DGeometry g = Conv2DGeometry.Create(1, 6, 6, 1, 3, 3);
        var buffer = new float[200];
        var error = Assert.Throws<ArgumentException>(() => DirectConvolution.Forward<float>(buffer.AsSpan(0, 36), new float[9], [], buffer.AsSpan(30, 16), g, 1));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("DirectConvolution.Forward: 'y' overlaps 'x'", error.Message);
        int columns = Im2ColConvolution.ColumnsLength(g);
        var shared = new float[10 + columns];
        error = Assert.Throws<ArgumentException>(() => Im2ColConvolution.Forward<float>(new float[36], new float[9], [], shared.AsSpan(0, 16), shared.AsSpan(10, columns), g, 1));
        Assert.Equal("columns", error.ParamName);
        Assert.Contains("'columns' overlaps 'y'", error.Message);
    }

    [Fact]
    public void NothingAllocates()
    {
        Conv2DGeometry g = Conv2DGeometry.Same(6, 12, 14, 8, 3, 3);
        Conv2DGeometry depthwise = Conv2DGeometry.Same(6, 12, 14, 6, 3, 3, 2, 2, groups: 6);
        Conv2DGeometry pointwise = Conv2DGeometry.Create(6, 12, 14, 8, 1, 1);
        const int batch = 5; // im2col multiplies 4 samples of g at a time: two chunks (2 and 3)
        var x = new float[batch * g.InputLength];
        var dx = new float[x.Length];
        var y = new float[batch * g.OutputLength];
        var weight = new float[g.WeightLength];
        var dWeight = new float[weight.Length];
        var bias = new float[8];
        var dBias = new float[8];
        var columns = new float[Im2ColConvolution.ColumnsLength(g)];
        Allocations.AssertNone(() =>
        {
            Im2ColConvolution.Forward<float>(x, weight, bias, y, columns, g, batch);
            Im2ColConvolution.BackwardData<float>(y, weight, dx, columns, g, batch, true);
            Im2ColConvolution.BackwardWeights<float>(x, y, dWeight, dBias, columns, g, batch);
            Im2ColConvolution.BackwardWeights<float>(x.AsSpan(0, g.InputLength), y.AsSpan(0, g.OutputLength), dWeight, dBias, columns, g, 1);
            DirectConvolution.Forward<float>(x, weight, bias, y, g, batch);
            DirectConvolution.BackwardData<float>(y, weight, dx, g, batch, false);
            DirectConvolution.BackwardWeights<float>(x, y, dWeight, dBias, g, batch);
            TransposedConvolution.Forward<float>(y, weight, [], dx, columns, g, batch);
            TransposedConvolution.BackwardData<float>(dx, weight, y, columns, g, batch, false);
            TransposedConvolution.BackwardWeights<float>(y, x, dWeight, [], columns, g, batch);
            PointwiseConvolution.Forward<float>(x, weight.AsSpan(0, 48), bias, y, pointwise, batch);
            PointwiseConvolution.BackwardData<float>(y, weight.AsSpan(0, 48), dx, pointwise, batch, false);
            PointwiseConvolution.BackwardWeights<float>(x, y, dWeight.AsSpan(0, 48), dBias, pointwise, batch);
            int outputs = batch * depthwise.OutputLength;
            DepthwiseConvolution.Forward<float>(x, weight.AsSpan(0, 54), bias.AsSpan(0, 6), y.AsSpan(0, outputs), depthwise, batch);
            DepthwiseConvolution.BackwardData<float>(y.AsSpan(0, outputs), weight.AsSpan(0, 54), dx, depthwise, batch, false);
            DepthwiseConvolution.BackwardWeights<float>(x, y.AsSpan(0, outputs), dWeight.AsSpan(0, 54), dBias.AsSpan(0, 6), depthwise, batch);
        }, callsPerRound: 5);
    }
}
