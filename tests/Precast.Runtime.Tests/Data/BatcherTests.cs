using Precast.Data;

namespace Precast.Runtime.Tests.Data;

public sealed class BatcherTests
{
    [Fact]
    public void Sixty_thousand_samples_at_batch_64_give_938_batches_the_last_holding_32()
    {
        Dataset<float, int> data = DatasetTests.Numbered(count: 60000, sampleLength: 1);
        var batcher = new Batcher<float, int>(data, batchSize: 64, seed: 3);

        var counts = new List<int>();
        var indices = new List<int>();
        foreach (var batch in batcher.Epoch(0))
        {
            counts.Add(batch.Count);
            indices.Add(batch.Index);
            Assert.Equal(batch.Count, batch.Inputs.Length);
        }

        Assert.Equal(938, batcher.BatchesPerEpoch);
        Assert.Equal(938, counts.Count);
        Assert.Equal(Enumerable.Range(0, 938), indices);
        Assert.All(counts[..^1], count => Assert.Equal(64, count));
        Assert.Equal(32, counts[^1]);
        Assert.Equal(60000, counts.Sum());
    }

    [Fact]
    public void DropLast_skips_the_partial_batch()
    {
        var batcher = new Batcher<float, int>(DatasetTests.Numbered(60000, 1), batchSize: 64, dropLast: true);

        var counts = new List<int>();
        foreach (var batch in batcher.Epoch(0))
            counts.Add(batch.Count);

        Assert.Equal(937, batcher.BatchesPerEpoch);
        Assert.Equal(937, counts.Count);
        Assert.All(counts, count => Assert.Equal(64, count));
    }

    [Fact]
    public void Without_shuffle_batches_follow_the_dataset_order()
    {
        Dataset<float, int> data = DatasetTests.Numbered(count: 10, sampleLength: 3);
        var batcher = new Batcher<float, int>(data, batchSize: 4, shuffle: false);

        var inputs = new List<float>();
        var labels = new List<int>();
        var counts = new List<int>();
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (var batch in batcher.Epoch(pass))
            {
                inputs.AddRange(batch.Inputs.ToArray());
                labels.AddRange(batch.Targets.ToArray());
                counts.Add(batch.Count);
            }
        }

        Assert.Equal(data.Inputs.Concat(data.Inputs), inputs);
        Assert.Equal(data.Targets.Concat(data.Targets), labels);
        Assert.Equal([4, 4, 2, 4, 4, 2], counts);
    }

    [Fact]
    public void A_shuffled_epoch_visits_every_sample_once_with_its_own_label()
    {
        Dataset<float, int> data = DatasetTests.Numbered(count: 103, sampleLength: 2);
        var batcher = new Batcher<float, int>(data, batchSize: 10, seed: 11);

        int[] order = EpochOrder(batcher, 4);

        Assert.Equal(Enumerable.Range(0, 103), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 103), order);
        foreach (var batch in batcher.Epoch(4))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                int id = (int)batch.Inputs[2 * i];
                Assert.Equal(id + 0.5f, batch.Inputs[2 * i + 1]);
                Assert.Equal(id % 10, batch.Targets[i]);
            }
        }
    }

    [Fact]
    public void The_order_of_an_epoch_is_a_fisher_yates_shuffle_of_the_identity_with_the_epoch_stream()
    {
        const ulong seed = 1234;
        var batcher = new Batcher<float, int>(DatasetTests.Numbered(50, 2), batchSize: 7, seed: seed);

        int[] expected = [.. Enumerable.Range(0, 50)];
        Rng rng = Rng.ForStream(seed, 9);
        for (int i = expected.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt32(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        Assert.Equal(expected, EpochOrder(batcher, 9));
    }

    [Fact]
    public void Each_epoch_depends_only_on_the_seed_and_its_number()
    {
        Dataset<float, int> data = DatasetTests.Numbered(count: 500, sampleLength: 2);
        var fresh = new Batcher<float, int>(data, batchSize: 32, seed: 42);
        var used = new Batcher<float, int>(data, batchSize: 32, seed: 42);
        for (int epoch = 0; epoch < 3; epoch++)
            EpochOrder(used, epoch);

        int[] third = EpochOrder(fresh, 3);

        Assert.Equal(third, EpochOrder(used, 3));
        Assert.Equal(third, EpochOrder(fresh, 3));
        Assert.NotEqual(third, EpochOrder(fresh, 4));
        Assert.NotEqual(third, EpochOrder(new Batcher<float, int>(data, batchSize: 32, seed: 43), 3));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_whole_epoch_allocates_nothing(bool shuffle)
    {
        var batcher = new Batcher<float, int>(DatasetTests.Numbered(count: 1000, sampleLength: 16), batchSize: 64, shuffle: shuffle, seed: 5);
        int epoch = 0;
        float sum = 0;

        Allocations.AssertNone(() => sum += SumEpoch(batcher, epoch++), callsPerRound: 20);

        Assert.True(sum > 0);
    }

    [Fact]
    public void A_batch_larger_than_the_dataset_gives_one_batch_of_everything()
    {
        var batcher = new Batcher<float, int>(DatasetTests.Numbered(count: 5, sampleLength: 1), batchSize: 64);

        int[] order = EpochOrder(batcher, 0);

        Assert.Equal(1, batcher.BatchesPerEpoch);
        Assert.Equal([0, 1, 2, 3, 4], order.Order());
    }

    [Fact]
    public void Starting_another_epoch_ends_the_earlier_enumeration()
    {
        var batcher = new Batcher<float, int>(DatasetTests.Numbered(count: 20, sampleLength: 1), batchSize: 4);
        BatchEnumerator<float, int> first = batcher.Epoch(0).GetEnumerator();
        Assert.True(first.MoveNext());

        BatchEnumerator<float, int> second = batcher.Epoch(1).GetEnumerator();

        var error = Assert.Throws<InvalidOperationException>(() => first.MoveNext());
        Assert.Contains("ended by a newer call to Epoch", error.Message);
        Assert.True(second.MoveNext());
    }

    [Fact]
    public void Current_before_MoveNext_or_after_the_end_says_there_is_no_batch()
    {
        var batcher = new Batcher<float, int>(DatasetTests.Numbered(count: 4, sampleLength: 1), batchSize: 4);
        BatchEnumerator<float, int> enumerator = batcher.Epoch(0).GetEnumerator();

        Assert.Contains("no current batch", Assert.Throws<InvalidOperationException>(() => enumerator.Current.Count).Message);
        Assert.True(enumerator.MoveNext());
        Assert.Equal(4, enumerator.Current.Count);
        Assert.False(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());
        Assert.Contains("no current batch", Assert.Throws<InvalidOperationException>(() => enumerator.Current.Count).Message);
    }

    [Fact]
    public void The_constructor_and_Epoch_refuse_bad_arguments()
    {
        Dataset<float, int> data = DatasetTests.Numbered(count: 10, sampleLength: 1);

        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Batcher<float, int>(data, 0)).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => new Batcher<float, int>(data, 11, dropLast: true));
        Assert.Contains("'batchSize' 11 is larger than the source's 10 samples and 'dropLast' is set", empty.Message);
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => new Batcher<float, int>(data, 2).Epoch(-1)).ParamName);
    }

    /// <summary>The sample ids of one epoch, in the order the batches hand them out.</summary>
    private static int[] EpochOrder(Batcher<float, int> batcher, int epoch)
    {
        var order = new List<int>();
        int sampleLength = batcher.Samples.SampleLength;
        foreach (var batch in batcher.Epoch(epoch))
        {
            for (int i = 0; i < batch.Count; i++)
                order.Add((int)(batch.Inputs[i * sampleLength] * 2 / sampleLength));
        }
        return [.. order];
    }

    internal static float SumEpoch(BatchSource<float, int> batcher, int epoch)
    {
        float sum = 0;
        foreach (var batch in batcher.Epoch(epoch))
            sum += batch.Inputs[0] + batch.Targets[^1];
        return sum;
    }
}
