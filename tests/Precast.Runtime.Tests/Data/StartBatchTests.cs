using Precast.Data;
using Precast.Data.Transforms;

namespace Precast.Runtime.Tests.Data;

/// <summary>
/// <c>Epoch(e, startBatch: k)</c>, which a resumed run uses to finish the epoch it was in: the same
/// batches, samples, order and augmentation as an enumeration from the start reaches from batch k.
/// </summary>
public sealed class StartBatchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    public void The_batcher_hands_out_the_rest_of_the_epoch(int startBatch)
    {
        Batcher<float, int> batcher = NewBatcher();
        List<(int Index, float[] Inputs, int[] Targets)> all = Collect(batcher, epoch: 2, startBatch: 0);

        List<(int Index, float[] Inputs, int[] Targets)> rest = Collect(batcher, epoch: 2, startBatch);

        Assert.Equal(7, all.Count);
        Assert.Equal(all.Skip(startBatch).Select(batch => batch.Index), rest.Select(batch => batch.Index));
        for (int i = 0; i < rest.Count; i++)
        {
            Assert.Equal(all[startBatch + i].Inputs, rest[i].Inputs);
            Assert.Equal(all[startBatch + i].Targets, rest[i].Targets);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void The_prefetcher_hands_out_the_rest_of_the_epoch(int startBatch)
    {
        List<(int Index, float[] Inputs, int[] Targets)> all = Collect(NewBatcher(), epoch: 1, startBatch: 0);
        using Prefetcher<float, int> prefetcher = NewBatcher().Prefetch(depth: 2);

        List<(int Index, float[] Inputs, int[] Targets)> rest = Collect(prefetcher, epoch: 1, startBatch);

        Assert.Equal(all.Skip(startBatch).Select(batch => batch.Index), rest.Select(batch => batch.Index));
        for (int i = 0; i < rest.Count; i++)
            Assert.Equal(all[startBatch + i].Inputs, rest[i].Inputs);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void A_start_outside_the_epoch_is_rejected(int startBatch)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NewBatcher().Epoch(0, startBatch));

        Assert.Equal("startBatch", error.ParamName);
        Assert.Contains($"'startBatch' is {startBatch}; expected 0 to 7, the batches in an epoch.", error.Message);
    }

    /// <summary>50 samples in batches of 8 (the last of 2), shuffled and augmented.</summary>
    private static Batcher<float, int> NewBatcher() =>
        new(DatasetTests.Numbered(count: 50, sampleLength: 3), batchSize: 8, shuffle: true, seed: 11, transform: new GaussianNoise(0.5));

    private static List<(int Index, float[] Inputs, int[] Targets)> Collect(BatchSource<float, int> source, int epoch, int startBatch)
    {
        var batches = new List<(int, float[], int[])>();
        foreach (var batch in source.Epoch(epoch, startBatch))
            batches.Add((batch.Index, batch.Inputs.ToArray(), batch.Targets.ToArray()));
        return batches;
    }
}
