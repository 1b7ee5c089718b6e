using System.Numerics;
using Precast.Kernels;

namespace Precast;

/// <summary>
/// Random weight initializers (the <see cref="Initializer"/> choices). Each fills a span from a
/// <see cref="Rng"/>, so a model's initial weights depend only on its seed. Biases start at zero
/// and need none of these.
/// </summary>
public static class Initializers
{
    /// <summary>Glorot (Xavier) uniform: every weight from U(−limit, limit), <c>limit = sqrt(6 / (fanIn + fanOut))</c>.</summary>
    /// <param name="weights">The weights to fill.</param>
    /// <param name="fanIn">Inputs per output unit (a Dense layer's input size).</param>
    /// <param name="fanOut">Outputs per input unit (a Dense layer's output size).</param>
    /// <param name="rng">The generator; advanced by one draw per weight.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fan is less than 1.</exception>
    public static void GlorotUniform<T>(Span<T> weights, int fanIn, int fanOut, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFans(fanIn, fanOut, "Initializers.GlorotUniform");
        FillUniform(weights, Math.Sqrt(6.0 / ((double)fanIn + fanOut)), ref rng);
    }

    /// <summary>Glorot (Xavier) normal: every weight from N(0, σ²), <c>σ = sqrt(2 / (fanIn + fanOut))</c>.</summary>
    /// <param name="weights">The weights to fill.</param>
    /// <param name="fanIn">Inputs per output unit (a Dense layer's input size).</param>
    /// <param name="fanOut">Outputs per input unit (a Dense layer's output size).</param>
    /// <param name="rng">The generator; advanced by two draws per weight.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fan is less than 1.</exception>
    public static void GlorotNormal<T>(Span<T> weights, int fanIn, int fanOut, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFans(fanIn, fanOut, "Initializers.GlorotNormal");
        FillNormal(weights, Math.Sqrt(2.0 / ((double)fanIn + fanOut)), ref rng);
    }

    /// <summary>He (Kaiming) uniform: every weight from U(−limit, limit), <c>limit = sqrt(6 / fanIn)</c>.</summary>
    /// <param name="weights">The weights to fill.</param>
    /// <param name="fanIn">Inputs per output unit (a Dense layer's input size).</param>
    /// <param name="rng">The generator; advanced by one draw per weight.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is less than 1.</exception>
    public static void HeUniform<T>(Span<T> weights, int fanIn, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.Positive(fanIn, "Initializers.HeUniform", nameof(fanIn));
        FillUniform(weights, Math.Sqrt(6.0 / fanIn), ref rng);
    }

    /// <summary>He (Kaiming) normal: every weight from N(0, σ²), <c>σ = sqrt(2 / fanIn)</c>.</summary>
    /// <param name="weights">The weights to fill.</param>
    /// <param name="fanIn">Inputs per output unit (a Dense layer's input size).</param>
    /// <param name="rng">The generator; advanced by two draws per weight.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is less than 1.</exception>
    public static void HeNormal<T>(Span<T> weights, int fanIn, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelGuard.Positive(fanIn, "Initializers.HeNormal", nameof(fanIn));
        FillNormal(weights, Math.Sqrt(2.0 / fanIn), ref rng);
    }

    private static void FillUniform<T>(Span<T> weights, double limit, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Length; i++)
            weights[i] = T.CreateTruncating((2 * rng.NextDouble() - 1) * limit);
    }

    private static void FillNormal<T>(Span<T> weights, double deviation, ref Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Length; i++)
            weights[i] = T.CreateTruncating(rng.NextNormal() * deviation);
    }

    private static void CheckFans(int fanIn, int fanOut, string method)
    {
        KernelGuard.Positive(fanIn, method, nameof(fanIn));
        KernelGuard.Positive(fanOut, method, nameof(fanOut));
    }
}
