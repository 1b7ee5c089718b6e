using System.Numerics;

namespace Precast.Runtime.Tests.Numerics;

/// <summary>Deterministic random inputs for numeric tests.</summary>
public static class TestData
{
    /// <summary><paramref name="length"/> values uniform in [−scale, scale).</summary>
    public static double[] Uniform(int length, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = (2 * random.NextDouble() - 1) * scale;
        return values;
    }

    /// <summary>
    /// <paramref name="length"/> values uniform in [−scale, scale) with magnitude at least
    /// <paramref name="gap"/>, so a finite difference never straddles a kink at zero.
    /// </summary>
    public static double[] AwayFromZero(int length, int seed, double scale = 2, double gap = 1e-3)
    {
        double[] values = Uniform(length, seed, scale);
        for (int i = 0; i < length; i++)
        {
            if (Math.Abs(values[i]) < gap)
                values[i] += values[i] < 0 ? -2 * gap : 2 * gap;
        }
        return values;
    }

    /// <summary>The values rounded to float.</summary>
    public static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);

    /// <summary>The values widened to double.</summary>
    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>The values rounded to <typeparamref name="T"/>, for tests that run in float and double.</summary>
    public static T[] Convert<T>(double[] values)
        where T : IFloatingPointIeee754<T>
        => Array.ConvertAll(values, T.CreateTruncating);
}
