using Precast.Kernels;

namespace Precast.Benchmarks;

/// <summary>
/// The tensors of one convolution's three passes on a batch, allocated once outside the measurements:
/// inputs and gradients drawn uniformly from [−1, 1) with a fixed seed, outputs zero, and im2col's
/// scratch.
/// </summary>
public sealed class ConvolutionTensors
{
    /// <summary>Allocates the tensors of <paramref name="geometry"/> for <paramref name="batch"/> samples.</summary>
    public ConvolutionTensors(Conv2DGeometry geometry, int batch)
    {
        var random = new Random(1);
        float[] Fill(int length)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++)
                values[i] = (float)(random.NextDouble() * 2 - 1);
            return values;
        }
        X = Fill(batch * geometry.InputLength);
        Weight = Fill(geometry.WeightLength);
        Bias = Fill(geometry.OutChannels);
        Y = new float[batch * geometry.OutputLength];
        Dy = Fill(batch * geometry.OutputLength);
        Dx = new float[batch * geometry.InputLength];
        DWeight = new float[geometry.WeightLength];
        DBias = new float[geometry.OutChannels];
        Columns = new float[Im2ColConvolution.ColumnsLength(geometry)];
    }

    /// <summary>The input, batch × InputLength values.</summary>
    public float[] X { get; }

    /// <summary>The weight.</summary>
    public float[] Weight { get; }

    /// <summary>The bias, one value per output channel.</summary>
    public float[] Bias { get; }

    /// <summary>The output, batch × OutputLength values.</summary>
    public float[] Y { get; }

    /// <summary>The output gradient, batch × OutputLength values.</summary>
    public float[] Dy { get; }

    /// <summary>The input gradient, batch × InputLength values.</summary>
    public float[] Dx { get; }

    /// <summary>The weight gradient.</summary>
    public float[] DWeight { get; }

    /// <summary>The bias gradient.</summary>
    public float[] DBias { get; }

    /// <summary>im2col's scratch, <see cref="Im2ColConvolution.ColumnsLength"/> values.</summary>
    public float[] Columns { get; }
}
