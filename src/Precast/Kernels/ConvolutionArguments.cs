namespace Precast.Kernels;

/// <summary>
/// The argument checks every convolution kernel shares, in <see cref="KernelGuard"/>'s style: each
/// message names the method, the argument, its length and the shape it should have had. The input
/// side of a geometry is <c>[batch, InChannels, InHeight, InWidth]</c>, the output side
/// <c>[batch, OutChannels, OutHeight, OutWidth]</c>; a transposed convolution reads the output side and
/// writes the input side, so the checks name the side, not the role.
/// </summary>
internal static class ConvolutionArguments
{
    /// <summary>Checks the geometry and the batch.</summary>
    public static void Shape(in Conv2DGeometry geometry, int batch, string method)
    {
        geometry.Validate(method);
        KernelGuard.Dimension(batch, method, nameof(batch));
    }

    /// <summary>Checks that a span holds the input side: batch × InChannels × InHeight × InWidth values.</summary>
    public static void InputSide(int length, in Conv2DGeometry geometry, int batch, string method, string argument)
        => KernelGuard.Tensor(
            length, batch, geometry.InChannels, geometry.InHeight, geometry.InWidth, method, argument,
            nameof(batch), "InChannels", "InHeight", "InWidth");

    /// <summary>Checks that a span holds the output side: batch × OutChannels × OutHeight × OutWidth values.</summary>
    public static void OutputSide(int length, in Conv2DGeometry geometry, int batch, string method, string argument)
        => KernelGuard.Tensor(
            length, batch, geometry.OutChannels, geometry.OutHeight, geometry.OutWidth, method, argument,
            nameof(batch), "OutChannels", "OutHeight", "OutWidth");

    /// <summary>Checks that a span holds the weight: OutChannels × InChannels/Groups × KernelHeight × KernelWidth values.</summary>
    public static void Weight(int length, in Conv2DGeometry geometry, string method, string argument)
        => KernelGuard.Tensor(
            length, geometry.OutChannels, geometry.GroupInChannels, geometry.KernelHeight, geometry.KernelWidth, method, argument,
            "OutChannels", "InChannels/Groups", "KernelHeight", "KernelWidth");

    /// <summary>
    /// The checks of a forward pass from <paramref name="x"/> (the input side, or the output side when
    /// <paramref name="transposed"/>) to <paramref name="y"/> (the other side), with a bias of one value
    /// per channel of <paramref name="y"/> or none.
    /// </summary>
    public static void Forward<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, ReadOnlySpan<T> y,
        in Conv2DGeometry geometry, int batch, string method, bool transposed = false)
    {
        Shape(geometry, batch, method);
        Sides(x, y, geometry, batch, method, nameof(x), nameof(y), transposed);
        Weight(weight.Length, geometry, method, nameof(weight));
        int channels = transposed ? geometry.InChannels : geometry.OutChannels;
        KernelGuard.LengthOrEmpty(bias.Length, channels, method, nameof(bias), transposed ? "InChannels" : "OutChannels");
        KernelGuard.Separate(y, x, method, nameof(y), nameof(x));
        KernelGuard.Separate(y, weight, method, nameof(y), nameof(weight));
        KernelGuard.Separate(y, bias, method, nameof(y), nameof(bias));
    }

    /// <summary>
    /// The checks of a data gradient from <paramref name="dy"/> (the output side, or the input side
    /// when <paramref name="transposed"/>) to <paramref name="dx"/> (the other side).
    /// </summary>
    public static void BackwardData<T>(
        ReadOnlySpan<T> dy, ReadOnlySpan<T> weight, ReadOnlySpan<T> dx,
        in Conv2DGeometry geometry, int batch, string method, bool transposed = false)
    {
        Shape(geometry, batch, method);
        Sides(dx, dy, geometry, batch, method, nameof(dx), nameof(dy), transposed);
        Weight(weight.Length, geometry, method, nameof(weight));
        KernelGuard.Separate(dx, dy, method, nameof(dx), nameof(dy));
        KernelGuard.Separate(dx, weight, method, nameof(dx), nameof(weight));
    }

    /// <summary>
    /// The checks of the parameter gradients from <paramref name="x"/> and <paramref name="dy"/>, the
    /// bias gradient having one value per channel of <paramref name="dy"/> or none.
    /// </summary>
    public static void BackwardWeights<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, ReadOnlySpan<T> dWeight, ReadOnlySpan<T> dBias,
        in Conv2DGeometry geometry, int batch, string method, bool transposed = false)
    {
        Shape(geometry, batch, method);
        Sides(x, dy, geometry, batch, method, nameof(x), nameof(dy), transposed);
        Weight(dWeight.Length, geometry, method, nameof(dWeight));
        int channels = transposed ? geometry.InChannels : geometry.OutChannels;
        KernelGuard.LengthOrEmpty(dBias.Length, channels, method, nameof(dBias), transposed ? "InChannels" : "OutChannels");
        KernelGuard.Separate(dWeight, x, method, nameof(dWeight), nameof(x));
        KernelGuard.Separate(dWeight, dy, method, nameof(dWeight), nameof(dy));
        KernelGuard.Separate(dBias, x, method, nameof(dBias), nameof(x));
        KernelGuard.Separate(dBias, dy, method, nameof(dBias), nameof(dy));
        KernelGuard.Separate(dBias, dWeight, method, nameof(dBias), nameof(dWeight));
    }

    /// <summary>Checks a scratch buffer: long enough, and sharing no memory with the call's other spans.</summary>
    public static void Scratch<T>(
        ReadOnlySpan<T> scratch, int needed, string source, ReadOnlySpan<T> first, ReadOnlySpan<T> second, ReadOnlySpan<T> third,
        string method, string name, string firstName, string secondName, string thirdName)
    {
        KernelGuard.AtLeast(scratch.Length, needed, method, name, source);
        ReadOnlySpan<T> used = scratch[..needed];
        KernelGuard.Separate(used, first, method, name, firstName);
        KernelGuard.Separate(used, second, method, name, secondName);
        KernelGuard.Separate(used, third, method, name, thirdName);
    }

    /// <summary>Checks an input-side and an output-side tensor, which swap places for a transposed convolution.</summary>
    private static void Sides<T>(
        ReadOnlySpan<T> inputSide, ReadOnlySpan<T> outputSide, in Conv2DGeometry geometry, int batch, string method,
        string inputName, string outputName, bool transposed)
    {
        if (transposed)
        {
            OutputSide(inputSide.Length, geometry, batch, method, inputName);
            InputSide(outputSide.Length, geometry, batch, method, outputName);
        }
        else
        {
            InputSide(inputSide.Length, geometry, batch, method, inputName);
            OutputSide(outputSide.Length, geometry, batch, method, outputName);
        }
    }
}
