using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// Each algorithm's backward passes against finite differences of its own forward pass, in double:
/// for <c>L = Σ dy ⊙ forward(x, weight, bias)</c>, the data gradient must be ∂L/∂x and the parameter
/// gradients ∂L/∂weight and ∂L/∂bias, with <c>accumulate</c> false and true.
/// </summary>
public class ConvolutionGradientTests
{
    public static TheoryData<Algorithm, string> Cases => new()
    {
        { Algorithm.Im2Col, "groups 2, stride 2, padding 1, 3×3" },
        { Algorithm.Im2Col, "dilation 2, asymmetric same, 2×3" },
        { Algorithm.Direct, "groups 2, stride 2, padding 1, 3×3" },
        { Algorithm.Direct, "dilation 2, asymmetric same, 2×3" },
        { Algorithm.Direct, "stride 1, padding 2, 5×5" },
        { Algorithm.Depthwise, "depthwise ×2, stride 2, same" },
        { Algorithm.Depthwise, "depthwise, stride 1, padding 1" },
        { Algorithm.Pointwise, "pointwise, groups 2" },
    };

    private static readonly Dictionary<string, Conv2DGeometry> Geometries = new()
    {
        ["groups 2, stride 2, padding 1, 3×3"] = Conv2DGeometry.Create(4, 6, 7, 4, 3, 3, 2, 2, 1, 1, 1, 1, groups: 2),
        ["dilation 2, asymmetric same, 2×3"] = Conv2DGeometry.Same(2, 6, 9, 3, 2, 3, 1, 2, 2, 2),
        ["stride 1, padding 2, 5×5"] = Conv2DGeometry.Create(2, 6, 11, 3, 5, 5, 1, 1, 2, 2, 2, 2),
        ["depthwise ×2, stride 2, same"] = Conv2DGeometry.Same(3, 7, 6, 6, 3, 3, 2, 2, groups: 3),
        ["depthwise, stride 1, padding 1"] = Conv2DGeometry.Create(2, 5, 10, 2, 3, 3, 1, 1, 1, 1, 1, 1, groups: 2),
        ["pointwise, groups 2"] = Conv2DGeometry.Create(4, 3, 5, 6, 1, 1, groups: 2),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesFiniteDifferences(Algorithm algorithm, string name)
    {
        Conv2DGeometry g = Geometries[name];
        const int batch = 2;
        double[] scratch = ConvolutionAlgorithms.Scratch<double>(algorithm, g);
        Verify(
            batch * g.InputLength, g.WeightLength, g.OutChannels, batch * g.OutputLength,
            (x, w, b, y) => ConvolutionAlgorithms.Forward<double>(algorithm, x, w, b, y, scratch, g, batch),
            (dy, w, dx, accumulate) => ConvolutionAlgorithms.BackwardData<double>(algorithm, dy, w, dx, scratch, g, batch, accumulate),
            (x, dy, dw, db) => ConvolutionAlgorithms.BackwardWeights<double>(algorithm, x, dy, dw, db, scratch, g, batch));
    }

    [Fact]
    public void TransposedBackwardMatchesFiniteDifferences()
    {
        Conv2DGeometry g = Conv2DGeometry.ForTransposed(4, 4, 3, 6, 3, 3, 2, 2, 1, 1, 1, 0, groups: 2);
        const int batch = 2;
        double[] scratch = new double[TransposedConvolution.ColumnsLength(g)];
        Verify(
            batch * g.OutputLength, g.WeightLength, g.InChannels, batch * g.InputLength,
            (x, w, b, y) => TransposedConvolution.Forward<double>(x, w, b, y, scratch, g, batch),
            (dy, w, dx, accumulate) => TransposedConvolution.BackwardData<double>(dy, w, dx, scratch, g, batch, accumulate),
            (x, dy, dw, db) => TransposedConvolution.BackwardWeights<double>(x, dy, dw, db, scratch, g, batch));
    }

    private delegate void ForwardPass(double[] x, double[] w, double[] b, double[] y);

    private delegate void DataGradient(double[] dy, double[] w, double[] dx, bool accumulate);

    private delegate void ParameterGradients(double[] x, double[] dy, double[] dw, double[] db);

    private static void Verify(int inputs, int weights, int biases, int outputs, ForwardPass forward, DataGradient data, ParameterGradients parameters)
    {
        double[] x = TestData.Uniform(inputs, 1), w = TestData.Uniform(weights, 2), b = TestData.Uniform(biases, 3), dy = TestData.Uniform(outputs, 4);
        double Loss(double[] xs, double[] ws, double[] bs)
        {
            var y = new double[outputs];
            forward(xs, ws, bs, y);
            return GradientCheck.Weighted(y, dy);
        }

        foreach (bool accumulate in new[] { false, true })
        {
            double[] dx = AccumulationCheck.Contribution(accumulate, inputs, buffer => data(dy, w, buffer, accumulate));
            GradientCheck.Verify(xs => Loss(xs, w, b), x, dx);
        }
        // Parameter gradients always add to what the buffers hold.
        double[] dw = AccumulationCheck.Contribution(true, weights, buffer => parameters(x, dy, buffer, new double[biases]));
        GradientCheck.Verify(ws => Loss(x, ws, b), w, dw);
        double[] db = AccumulationCheck.Contribution(true, biases, buffer => parameters(x, dy, new double[weights], buffer));
        GradientCheck.Verify(bs => Loss(x, w, bs), b, db);
    }
}
