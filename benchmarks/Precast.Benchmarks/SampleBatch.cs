namespace Precast.Benchmarks;

/// <summary>
/// Random inputs in [0, 1) (like normalized pixels) and class labels for <paramref name="Batch"/>
/// samples; the values do not change the amount of work, only make it realistic.
/// </summary>
public sealed record SampleBatch(int Batch, float[] Inputs, int[] Labels)
{
    /// <summary>A batch of <paramref name="batch"/> samples of <paramref name="inputLength"/> values each, drawn from <paramref name="seed"/>.</summary>
    public static SampleBatch Create(int batch, int inputLength, ulong seed)
    {
        var rng = new Rng(seed);
        var inputs = new float[batch * inputLength];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = rng.NextSingle();
        var labels = new int[batch];
        for (int n = 0; n < batch; n++)
            labels[n] = (int)(rng.NextUInt32() % Network.Classes);
        return new SampleBatch(batch, inputs, labels);
    }
}
