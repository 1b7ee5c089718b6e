using System.Globalization;
using Precast.Kernels;

namespace Precast.Benchmarks;

/// <summary>
/// One convolution of a benchmarked network, as the generated model runs it: the <c>compare</c>
/// command times it alone with the model's algorithm and every other that takes its geometry.
/// </summary>
/// <param name="Name">The layer's name in the model, as in its parameter names (<c>Block1.Conv2D2</c>).</param>
/// <param name="Geometry">Its shape, as the generated model declares it.</param>
/// <param name="HasBias">Whether the layer adds a bias (convolutions followed by BatchNorm do not).</param>
/// <param name="Kernel">The algorithm the generated model calls for it (its <c>// Algorithm:</c> comment).</param>
/// <param name="InputGradient">
/// Whether the model's backward pass computes the layer's input gradient (BackwardData): not for a
/// network's first layer, where nothing before it learns.
/// </param>
public sealed record ConvolutionLayer(string Name, Conv2DGeometry Geometry, bool HasBias, ConvolutionKernel Kernel, bool InputGradient = true)
{
    /// <summary>Multiply-adds of one sample's forward pass: output values times the taps each reads.</summary>
    public long MultipliesPerSample =>
        (long)Geometry.OutputLength * Geometry.GroupInChannels * Geometry.KernelHeight * Geometry.KernelWidth;

    /// <summary>The name of the layer's weight in the model's <see cref="IModel{T}.ParameterTensors"/>.</summary>
    public string WeightName => Name + ".weight";

    /// <summary>The weight's shape, <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>.</summary>
    public int[] WeightShape => [Geometry.OutChannels, Geometry.GroupInChannels, Geometry.KernelHeight, Geometry.KernelWidth];

    /// <summary>For the report: <c>[16, 28, 28] → [16, 28, 28], 3×3, stride 1, pad 1</c>.</summary>
    public string Describe()
    {
        Conv2DGeometry g = Geometry;
        string stride = g.StrideHeight == g.StrideWidth ? Text(g.StrideHeight) : $"{Text(g.StrideHeight)}×{Text(g.StrideWidth)}";
        string pad = g.PadTop == g.PadLeft ? Text(g.PadTop) : $"{Text(g.PadTop)}×{Text(g.PadLeft)}";
        string groups = g.Groups == 1 ? "" : $", {Text(g.Groups)} groups";
        return $"[{Text(g.InChannels)}, {Text(g.InHeight)}, {Text(g.InWidth)}] → [{Text(g.OutChannels)}, {Text(g.OutHeight)}, {Text(g.OutWidth)}], " +
            $"{Text(g.KernelHeight)}×{Text(g.KernelWidth)}, stride {stride}, pad {pad}{groups}";
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
