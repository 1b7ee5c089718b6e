using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Precast.Data;

namespace Precast.Benchmarks;

/// <summary>
/// Whether background prefetching overlaps reading with training: one epoch of
/// <see cref="Batches"/> batches where reading each batch waits <see cref="Milliseconds"/> ms
/// (sleeping, as a disk or a network keeps a thread waiting) and consuming each batch takes as long
/// (<see cref="ConsumerWork.Spin"/>: busy on the CPU, as a training step is;
/// <see cref="ConsumerWork.Sleep"/>: waiting, which shows the overlap even when other processes
/// leave the machine no idle core). Read in order through a <see cref="Batcher{T, TTarget}"/>, an
/// epoch takes the sum of the two; through a <see cref="Prefetcher{T, TTarget}"/> it should take
/// about the larger, plus one batch's reading before the first step can start.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PrefetchBenchmarks
{
    /// <summary>Batches per epoch.</summary>
    public const int Batches = 50;

    /// <summary>The reader's and the consumer's time per batch.</summary>
    public const int Milliseconds = 2;

    private const int BatchSize = 32;
    private const int SampleLength = 784;

    /// <summary>How the consumer spends its time per batch.</summary>
    public enum ConsumerWork
    {
        /// <summary>Busy on the CPU (a training step).</summary>
        Spin,

        /// <summary>Sleeping.</summary>
        Sleep,
    }

    /// <summary>How the consumer spends its <see cref="Milliseconds"/> per batch.</summary>
    [Params(ConsumerWork.Spin, ConsumerWork.Sleep)]
    public ConsumerWork Consumer { get; set; }

    private Batcher<float, int> _reader = null!;
    private Batcher<float, int> _inMemory = null!;
    private Prefetcher<float, int> _prefetcher = null!;
    private int _epoch;

    /// <summary>A slow source and its batchers, built once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        float[] inputs = new float[Batches * BatchSize * SampleLength];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = rng.NextSingle();
        Dataset<float, int> data = Dataset.FromArrays(inputs, new int[Batches * BatchSize], [1, 28, 28], classCount: 10);
        // In order, so the reader's wait falls on the first sample of every batch.
        _reader = new Batcher<float, int>(new SlowSource(data), BatchSize, shuffle: false);
        _inMemory = new Batcher<float, int>(data, BatchSize, shuffle: false);
        _prefetcher = new Batcher<float, int>(new SlowSource(data), BatchSize, shuffle: false).Prefetch(depth: 2);
    }

    /// <summary>Ends the prefetcher's thread.</summary>
    [GlobalCleanup]
    public void Cleanup() => _prefetcher.Dispose();

    /// <summary>The slow reader alone, with a consumer that does nothing: about 50 × 2 ms.</summary>
    [Benchmark]
    public float ReaderOnly() => Epoch(_reader, consumerMilliseconds: 0);

    /// <summary>The slow consumer alone, over batches already in memory: about 50 × 2 ms.</summary>
    [Benchmark]
    public float ConsumerOnly() => Epoch(_inMemory, Milliseconds);

    /// <summary>Both, one after the other on the consuming thread: about the sum, 50 × 4 ms.</summary>
    [Benchmark(Baseline = true)]
    public float Sequential() => Epoch(_reader, Milliseconds);

    /// <summary>Both, the reader on the prefetcher's thread: about the larger, 50 × 2 ms, plus one batch.</summary>
    [Benchmark]
    public float Prefetched() => Epoch(_prefetcher, Milliseconds);

    private float Epoch(BatchSource<float, int> source, int consumerMilliseconds)
    {
        float sum = 0;
        foreach (var batch in source.Epoch(_epoch++))
        {
            sum += batch.Inputs[0];
            if (consumerMilliseconds > 0 && Consumer == ConsumerWork.Sleep)
                Thread.Sleep(consumerMilliseconds);
            else
                Busy(consumerMilliseconds);
        }
        return sum;
    }

    /// <summary>Keeps the thread busy for <paramref name="milliseconds"/> of wall-clock time.</summary>
    private static void Busy(int milliseconds)
    {
        long end = Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000;
        while (Stopwatch.GetTimestamp() < end)
            Thread.SpinWait(20);
    }

    /// <summary>
    /// One epoch per iteration (0.1 to 0.5 s): BenchmarkDotNet's strategy for macro benchmarks, in
    /// this process (no separate build, which a busy machine can make time out).
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(15)
                .WithToolchain(InProcessEmitToolchain.Instance));
            SummaryStyle = SummaryStyle.Default.WithZeroMetricValuesInContent();
        }
    }

    /// <summary>In-memory samples whose reader sleeps <see cref="Milliseconds"/> ms on the first sample of every batch.</summary>
    private sealed class SlowSource(Dataset<float, int> data) : ISampleSource<float, int>
    {
        public int Count => data.Count;

        public ReadOnlySpan<int> SampleShape => data.SampleShape;

        public int SampleLength => data.SampleLength;

        public int TargetLength => data.TargetLength;

        public void Read(int index, Span<float> input, Span<int> target)
        {
            if (index % BatchSize == 0)
                Thread.Sleep(Milliseconds);
            data.Read(index, input, target);
        }
    }
}
