namespace Precast.Benchmarks;

/// <summary>Inputs for kernels timed alone: the values do not change the amount of work.</summary>
public static class RandomValues
{
    /// <summary><paramref name="length"/> values in [-0.5, 0.5), drawn from <paramref name="seed"/>.</summary>
    public static float[] Create(int length, ulong seed)
    {
        var rng = new Rng(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = rng.NextSingle() - 0.5f;
        return values;
    }
}
