using Precast.Data;
using Precast.Data.Transforms;

namespace Precast.Runtime.Tests.Data;

public sealed class PrefetcherTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(4, true)]
    public void A_prefetcher_hands_out_the_batchers_batches_in_the_same_order(int depth, bool dropLast)
    {
        Dataset<float, int> data = TransformTests.Images(count: 53);
        var augment = new Compose(new RandomCrop(1), new RandomHorizontalFlip(), new GaussianNoise(0.05));
        var reference = new Batcher<float, int>(data, batchSize: 8, seed: 6, dropLast: dropLast, transform: augment);
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(data, batchSize: 8, seed: 6, dropLast: dropLast, transform: augment).Prefetch(depth);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            List<(float[] Inputs, int[] Targets, int Index)> expected = Collect(reference, epoch);
            List<(float[] Inputs, int[] Targets, int Index)> actual = Collect(prefetcher, epoch);

            Assert.Equal(reference.BatchesPerEpoch, prefetcher.BatchesPerEpoch);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Index, actual[i].Index);
                Assert.Equal(expected[i].Inputs, actual[i].Inputs);
                Assert.Equal(expected[i].Targets, actual[i].Targets);
            }
        }
    }

    [Fact]
    public void The_last_partial_batch_has_its_own_count()
    {
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(DatasetTests.Numbered(10, 3), batchSize: 4, shuffle: false).Prefetch();

        List<(float[] Inputs, int[] Targets, int Index)> batches = Collect(prefetcher, 0);

        Assert.Equal([4, 4, 2], batches.Select(batch => batch.Targets.Length));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], batches.SelectMany(batch => batch.Targets).Select((label, i) => i));
        Assert.Equal(6, batches[^1].Inputs.Length);
    }

    [Fact]
    public void A_producer_exception_reaches_the_consumer_at_its_batch_with_epoch_batch_and_cause()
    {
        var source = new HookedSource(DatasetTests.Numbered(40, 2)) { OnRead = sample => { if (sample == 21) throw new InvalidDataException("image 'bad.png' is corrupt"); } };
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(source, batchSize: 5, shuffle: false).Prefetch(depth: 2);

        var seen = new List<int>();
        var error = Assert.Throws<PrefetchException>(() =>
        {
            foreach (var batch in prefetcher.Epoch(3))
                seen.Add(batch.Index);
        });

        Assert.Equal([0, 1, 2, 3], seen);
        Assert.Equal(3, error.Epoch);
        Assert.Equal(4, error.BatchIndex);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(
            "Prefetcher: preparing batch 4 of epoch 3 failed on the background thread: InvalidDataException: image 'bad.png' is corrupt",
            error.Message);
    }

    [Fact]
    public void After_a_failure_the_enumeration_keeps_failing_and_the_next_epoch_starts_clean()
    {
        bool fail = true;
        var source = new HookedSource(DatasetTests.Numbered(20, 1)) { OnRead = sample => { if (fail && sample == 7) throw new IOException("disk"); } };
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(source, batchSize: 4, shuffle: false).Prefetch();

        BatchEnumerator<float, int> enumerator = prefetcher.Epoch(0).GetEnumerator();
        Assert.True(enumerator.MoveNext());
        var first = Assert.Throws<PrefetchException>(() => enumerator.MoveNext());
        var again = Assert.Throws<PrefetchException>(() => enumerator.MoveNext());
        fail = false;

        Assert.Same(first, again);
        Assert.Equal(20, Collect(prefetcher, 0).Sum(batch => batch.Targets.Length));
    }

    [Fact]
    public void Cancelling_while_the_consumer_waits_for_a_batch_ends_the_wait_and_the_next_epoch_works()
    {
        using var gate = new ManualResetEventSlim(false);
        using var reading = new ManualResetEventSlim(false);
        var source = new HookedSource(DatasetTests.Numbered(30, 1))
        {
            OnRead = sample =>
            {
                if (sample == 10)
                {
                    reading.Set();
                    gate.Wait();
                }
            },
        };
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(source, batchSize: 5, shuffle: false).Prefetch(depth: 3);
        using var cancellation = new CancellationTokenSource();

        var seen = new List<int>();
        var consumer = Task.Run(() =>
        {
            foreach (var batch in prefetcher.Epoch(0, cancellation.Token))
                seen.Add(batch.Index);
        });
        // The producer is stuck in batch 2, so the consumer gets batches 0 and 1 at most, then waits.
        Assert.True(reading.Wait(TimeSpan.FromSeconds(30)));
        cancellation.Cancel();

        // The consumer returns while the producer is still stuck in its read.
        var error = Assert.ThrowsAny<OperationCanceledException>(() => consumer.GetAwaiter().GetResult());
        Assert.False(gate.IsSet);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Subset(new HashSet<int> { 0, 1 }, seen.ToHashSet());
        gate.Set();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i % 10), Collect(prefetcher, 1).SelectMany(batch => batch.Targets));
    }

    [Fact]
    public void A_cancelled_token_stops_the_epoch_at_the_next_batch()
    {
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(DatasetTests.Numbered(100, 1), batchSize: 10).Prefetch();
        using var cancellation = new CancellationTokenSource();

        var seen = new List<int>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in prefetcher.Epoch(0, cancellation.Token))
            {
                seen.Add(batch.Index);
                if (batch.Index == 3)
                    cancellation.Cancel();
            }
        });

        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public void Leaving_an_epoch_early_stops_the_producer_and_the_next_epoch_is_whole()
    {
        int reads = 0;
        var source = new HookedSource(DatasetTests.Numbered(1000, 1)) { OnRead = _ => Interlocked.Increment(ref reads) };
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(source, batchSize: 10, seed: 2).Prefetch(depth: 2);
        var reference = new Batcher<float, int>(DatasetTests.Numbered(1000, 1), batchSize: 10, seed: 2);

        foreach (var batch in prefetcher.Epoch(0))
        {
            if (batch.Index == 1)
                break;
        }
        int settled = SettledCount(ref reads);

        // At most the two batches handed out, the two prepared ahead and the one being filled.
        Assert.InRange(settled, 20, 50);
        Assert.Equal(Collect(reference, 5).SelectMany(batch => batch.Inputs), Collect(prefetcher, 5).SelectMany(batch => batch.Inputs));
    }

    [Fact]
    public void A_newer_epoch_ends_the_older_enumeration()
    {
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(DatasetTests.Numbered(20, 1), batchSize: 4).Prefetch();
        BatchEnumerator<float, int> first = prefetcher.Epoch(0).GetEnumerator();
        Assert.True(first.MoveNext());

        BatchEnumerator<float, int> second = prefetcher.Epoch(1).GetEnumerator();

        Assert.Contains("Prefetcher: this epoch's enumeration was ended by a newer call to Epoch",
            Assert.Throws<InvalidOperationException>(() => first.MoveNext()).Message);
        Assert.True(second.MoveNext());
        Assert.Equal(0, second.Current.Index);
    }

    [Fact]
    public void Current_outside_the_batches_says_there_is_no_batch()
    {
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(DatasetTests.Numbered(4, 1), batchSize: 4).Prefetch();
        BatchEnumerator<float, int> enumerator = prefetcher.Epoch(0).GetEnumerator();

        Assert.Contains("Prefetcher: there is no current batch", Assert.Throws<InvalidOperationException>(() => enumerator.Current.Count).Message);
        Assert.True(enumerator.MoveNext());
        Assert.Equal(4, enumerator.Current.Count);
        Assert.False(enumerator.MoveNext());
        Assert.Contains("no current batch", Assert.Throws<InvalidOperationException>(() => enumerator.Current.Count).Message);
    }

    [Fact]
    public void The_batcher_behind_a_prefetcher_cannot_be_enumerated_until_the_prefetcher_is_disposed()
    {
        var batcher = new Batcher<float, int>(DatasetTests.Numbered(12, 1), batchSize: 4, seed: 1);
        Prefetcher<float, int> prefetcher = batcher.Prefetch();
        Assert.Equal(12, Collect(prefetcher, 0).Sum(batch => batch.Targets.Length));

        Assert.Contains("this batcher feeds a Prefetcher", Assert.Throws<InvalidOperationException>(() => Collect(batcher, 0)).Message);
        Assert.Contains("already feeds a Prefetcher", Assert.Throws<InvalidOperationException>(() => batcher.Prefetch()).Message);
        prefetcher.Dispose();
        prefetcher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Collect(prefetcher, 0));
        Assert.Equal(12, Collect(batcher, 0).Sum(batch => batch.Targets.Length));
        Assert.Equal("depth", Assert.Throws<ArgumentOutOfRangeException>(() => batcher.Prefetch(0)).ParamName);
    }

    [Fact]
    public void The_consuming_thread_allocates_nothing_in_a_whole_epoch()
    {
        var augment = new Compose(new RandomCrop(1), new RandomHorizontalFlip());
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(TransformTests.Images(300), batchSize: 16, seed: 3, transform: augment).Prefetch(depth: 2);
        int epoch = 0;
        float sum = 0;

        Allocations.AssertNone(() => sum += BatcherTests.SumEpoch(prefetcher, epoch++), callsPerRound: 5);

        Assert.True(float.IsFinite(sum));
    }

    [Fact]
    public void The_consuming_thread_allocates_nothing_while_it_waits_for_a_slow_producer()
    {
        // Every batch makes the consumer wait: the producer spins on each sample.
        var source = new HookedSource(DatasetTests.Numbered(40, 4)) { OnRead = _ => Thread.SpinWait(2000) };
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(source, batchSize: 4, seed: 3).Prefetch(depth: 1);
        using var cancellation = new CancellationTokenSource();
        int epoch = 0;
        float sum = 0;

        Allocations.AssertNone(() =>
        {
            foreach (var batch in prefetcher.Epoch(epoch++, cancellation.Token))
                sum += batch.Inputs[0];
        }, callsPerRound: 3);

        Assert.True(float.IsFinite(sum));
    }

    /// <summary>Waits (up to 10 s) until <paramref name="counter"/> stops changing for 100 ms, and returns it.</summary>
    private static int SettledCount(ref int counter)
    {
        int previous = Volatile.Read(ref counter);
        for (int i = 0; i < 100; i++)
        {
            Thread.Sleep(100);
            int now = Volatile.Read(ref counter);
            if (now == previous)
                return now;
            previous = now;
        }
        throw new TimeoutException($"The counter kept changing for 10 s; it reached {previous}.");
    }

    /// <summary>Copies of every batch of an epoch.</summary>
    internal static List<(float[] Inputs, int[] Targets, int Index)> Collect(BatchSource<float, int> source, int epoch)
    {
        var batches = new List<(float[], int[], int)>();
        foreach (var batch in source.Epoch(epoch))
            batches.Add((batch.Inputs.ToArray(), batch.Targets.ToArray(), batch.Index));
        return batches;
    }

    /// <summary>A dataset that runs <see cref="OnRead"/> (on the reading thread) before each sample it reads.</summary>
    internal sealed class HookedSource(Dataset<float, int> data) : ISampleSource<float, int>
    {
        public Action<int>? OnRead { get; init; }

        public int Count => data.Count;

        public ReadOnlySpan<int> SampleShape => data.SampleShape;

        public int SampleLength => data.SampleLength;

        public int TargetLength => data.TargetLength;

        public void Read(int index, Span<float> input, Span<int> target)
        {
            OnRead?.Invoke(index);
            data.Read(index, input, target);
        }
    }
}
