using System.Numerics;
using Precast.Kernels;
using Precast.Runtime.Tests.Numerics;

namespace Precast.Runtime.Tests.Kernels;

/// <summary>
/// The <c>accumulate</c> parameter of every activation's Backward, in float and double: adding into dx
/// gives what it held plus what overwriting writes; overwriting in place (dx = dy) still works; an
/// accumulating dx that overlaps an input is refused. The gradient checks with <c>accumulate: true</c>
/// are in <see cref="ActivationGradientTests"/>.
/// </summary>
public class ActivationAccumulateTests
{
    private static readonly string[] Kernels = ["Relu", "LeakyRelu", "Sigmoid", "Tanh", "GeluExact", "GeluApproximate", "Softmax", "Dropout"];

    public static readonly TheoryData<string, int> Cases = CasesOf(Kernels, [0, 1, 7, 37, 1000]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AccumulateAddsToDxInFloat(string kernel, int length)
        => AccumulationCheck.AddsToWhatTheBufferHolds<float>(length, Kernel<float>(kernel, length).Backward);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AccumulateAddsToDxInDouble(string kernel, int length)
        => AccumulationCheck.AddsToWhatTheBufferHolds<double>(length, Kernel<double>(kernel, length).Backward);

    [Theory]
    [MemberData(nameof(Cases))]
    public void OverwritingMayReuseDy(string kernel, int length)
    {
        Setup<float> setup = Kernel<float>(kernel, length);
        var expected = new float[length];
        setup.Backward(expected, false);
        setup.Backward(setup.Dy, false); // dx = dy
        Assert.Equal(expected, setup.Dy);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AccumulatingIntoAnInputIsRefused(string kernel, int length)
    {
        if (length == 0)
            return; // empty spans overlap nothing
        Setup<double> setup = Kernel<double>(kernel, length);
        var error = Assert.Throws<ArgumentException>(() => setup.Backward(setup.Dy, true));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("'dx' overlaps 'dy' with accumulate: true; expected separate memory", error.Message);

        error = Assert.Throws<ArgumentException>(() => setup.Backward(setup.Input, true));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains($"'dx' overlaps '{setup.InputName}' with accumulate: true", error.Message);
    }

    [Fact]
    public void AccumulatingAllocatesNothing()
    {
        Setup<float>[] setups = Array.ConvertAll(Kernels, kernel => Kernel<float>(kernel, 1000));
        var dx = new float[1000];
        Allocations.AssertNone(() =>
        {
            foreach (Setup<float> setup in setups)
                setup.Backward(dx, true);
        });
    }

    /// <summary>A kernel's backward pass on fixed inputs, and the input other than dy that it reads.</summary>
    private sealed record Setup<T>(Action<T[], bool> Backward, T[] Dy, T[] Input, string InputName);

    private static Setup<T> Kernel<T>(string kernel, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = TestData.Convert<T>(TestData.AwayFromZero(length, seed: length + 1, scale: 3));
        T[] dy = TestData.Convert<T>(TestData.Uniform(length, seed: length + 2));
        var y = new T[length];
        T slope = T.CreateTruncating(0.1);
        int rows = length % 4 == 0 && length > 0 ? 4 : 1;
        switch (kernel)
        {
            case "Relu":
                Relu.Forward<T>(x, y);
                return new((dx, accumulate) => Relu.Backward<T>(y, dy, dx, accumulate), dy, y, "y");
            case "LeakyRelu":
                return new((dx, accumulate) => LeakyRelu.Backward<T>(x, dy, dx, slope, accumulate), dy, x, "x");
            case "Sigmoid":
                Sigmoid.Forward<T>(x, y);
                return new((dx, accumulate) => Sigmoid.Backward<T>(y, dy, dx, accumulate), dy, y, "y");
            case "Tanh":
                Tanh.Forward<T>(x, y);
                return new((dx, accumulate) => Tanh.Backward<T>(y, dy, dx, accumulate), dy, y, "y");
            case "GeluExact":
                return new((dx, accumulate) => Gelu.Backward<T>(x, dy, dx, approximate: false, accumulate), dy, x, "x");
            case "GeluApproximate":
                return new((dx, accumulate) => Gelu.Backward<T>(x, dy, dx, approximate: true, accumulate), dy, x, "x");
            case "Softmax":
                Softmax.Forward<T>(x, y, rows, length / rows);
                return new((dx, accumulate) => Softmax.Backward<T>(y, dy, dx, rows, length / rows, accumulate), dy, y, "y");
            case "Dropout":
                var rng = new Rng(4);
                var mask = new T[length];
                Dropout.Forward<T>(x, y, mask, T.CreateTruncating(0.5), ref rng);
                return new((dx, accumulate) => Dropout.Backward<T>(mask, dy, dx, accumulate), dy, mask, "mask");
            default:
                throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "No such kernel in this test.");
        }
    }

    private static TheoryData<string, int> CasesOf(string[] kernels, int[] lengths)
    {
        var data = new TheoryData<string, int>();
        foreach (string kernel in kernels)
        {
            foreach (int length in lengths)
                data.Add(kernel, length);
        }
        return data;
    }
}
