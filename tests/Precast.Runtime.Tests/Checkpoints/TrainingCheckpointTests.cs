using System.Numerics;
using System.Runtime.InteropServices;
using Precast.Checkpoints;
using Precast.Optimizers;
using Precast.Runtime.Tests.Data;
using Precast.Runtime.Tests.Optimizers;
using Precast.Schedules;

namespace Precast.Runtime.Tests.Checkpoints;

/// <summary>
/// <see cref="TrainingCheckpoint"/> on hand-written models: exact resumption (optimizer state, the
/// model's generator, progress, a schedule's state), all-or-nothing saves and loads, and messages
/// that name what does not match. The same with generated models, dropout and a shuffling batcher
/// is in Precast.Models.Tests' ResumeTests.
/// </summary>
public sealed class TrainingCheckpointTests : IDisposable
{
    private const long TotalSteps = 12;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(11)]
    public void A_resumed_float_run_ends_bit_for_bit_as_the_uninterrupted_one(long stopAt) => ResumedEqualsUninterrupted<float>(stopAt);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(11)]
    public void A_resumed_double_run_ends_bit_for_bit_as_the_uninterrupted_one(long stopAt) => ResumedEqualsUninterrupted<double>(stopAt);

    private void ResumedEqualsUninterrupted<T>(long stopAt) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorTestModel<T> uninterrupted = TensorTestModel<T>.Mlp();
        Adam<T> uninterruptedOptimizer = NewAdam(uninterrupted);
        Train(uninterrupted, uninterruptedOptimizer, 0, TotalSteps);

        string path = _directory.File("run.safetensors");
        TensorTestModel<T> first = TensorTestModel<T>.Mlp();
        Adam<T> firstOptimizer = NewAdam(first);
        Train(first, firstOptimizer, 0, stopAt);
        TrainingCheckpoint.Save(path, first, firstOptimizer, new TrainingPosition(Epoch: 2, Batch: 3, Step: stopAt) { DataSeed = 42 });

        TensorTestModel<T> second = TensorTestModel<T>.Mlp();
        second.Random = new Rng(12345);
        Adam<T> secondOptimizer = NewAdam(second);
        TrainingPosition progress = TrainingCheckpoint.Load(path, second, secondOptimizer);
        Train(second, secondOptimizer, progress.Step, TotalSteps);

        Assert.Equal(new TrainingPosition(2, 3, stopAt) { DataSeed = 42 }, progress);
        Assert.Equal(Bits(uninterrupted.Parameters), Bits(second.Parameters));
        Assert.Equal(uninterrupted.Random.NextUInt64(), second.Random.NextUInt64());
        Assert.Equal(uninterruptedOptimizer.StepCount, secondOptimizer.StepCount);
    }

    [Fact]
    public void Resuming_without_the_generator_differs()
    {
        // The comparison above can fail: the gradients draw from the model's generator, as dropout does.
        TensorTestModel<float> uninterrupted = TensorTestModel<float>.Mlp();
        Train(uninterrupted, NewAdam(uninterrupted), 0, TotalSteps);
        string path = _directory.File("run.safetensors");
        TensorTestModel<float> first = TensorTestModel<float>.Mlp();
        Adam<float> optimizer = NewAdam(first);
        Train(first, optimizer, 0, 5);
        TrainingCheckpoint.Save(path, first, optimizer, new TrainingPosition(0, 5, 5));

        TensorTestModel<float> second = TensorTestModel<float>.Mlp();
        Adam<float> secondOptimizer = NewAdam(second);
        TrainingCheckpoint.Load(path, second, secondOptimizer);
        second.Random = new Rng(1);
        Train(second, secondOptimizer, 5, TotalSteps);

        Assert.NotEqual(Bits(uninterrupted.Parameters), Bits(second.Parameters));
    }

    [Theory]
    [InlineData(5)]      // inside the length prefix
    [InlineData(100)]    // inside the header
    [InlineData(-1000)]  // among the parameters: the data is 4 × 69 floats (parameters, then 3 moments)
    [InlineData(-1)]     // one byte short: the last moment's last byte
    public void A_save_that_fails_part_way_leaves_the_previous_checkpoint_loadable(int failAt)
    {
        string path = _directory.File("run.safetensors");
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        Adam<float> optimizer = NewAdam(model);
        Train(model, optimizer, 0, 3);
        TrainingCheckpoint.Save(path, model, optimizer, new TrainingPosition(0, 3, 3));
        byte[] previous = File.ReadAllBytes(path);
        float[] previousParameters = model.Parameters.ToArray();
        // The new checkpoint has the same length: same tensors, same metadata keys and value lengths.
        int failAfterBytes = failAt >= 0 ? failAt : previous.Length + failAt;
        Assert.InRange(failAfterBytes, 0, previous.Length - 1);

        Train(model, optimizer, 3, 6);
        var error = Assert.Throws<IOException>(() => TrainingCheckpoint.Save(path, model, optimizer, new TrainingPosition(0, 6, 6), schedule: null,
            wrapStream: stream => new FailingStream(stream, failAfterBytes)));

        Assert.Equal(FailingStream.Message, error.Message);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(["run.safetensors"], _directory.FileNames());
        TensorTestModel<float> loaded = TensorTestModel<float>.Mlp();
        TrainingPosition progress = TrainingCheckpoint.Load(path, loaded, NewAdam(loaded));
        Assert.Equal(new TrainingPosition(0, 3, 3), progress);
        Assert.Equal(previousParameters, loaded.Parameters.ToArray());
    }

    [Fact]
    public void The_failing_stream_lets_a_save_through_when_the_limit_is_past_the_end()
    {
        // The seam itself: with a limit past the file's end nothing fails and the file is whole.
        string path = _directory.File("run.safetensors");
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        Adam<float> optimizer = NewAdam(model);
        TrainingCheckpoint.Save(path, model, optimizer, new TrainingPosition(0, 0, 0), schedule: null,
            wrapStream: stream => new FailingStream(stream, int.MaxValue));

        TrainingCheckpoint.Load(path, TensorTestModel<float>.Mlp(), optimizer);
    }

    [Fact]
    public void A_schedule_with_state_resumes_with_it()
    {
        string path = _directory.File("run.safetensors");
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        Adam<float> optimizer = NewAdam(model);
        var plateau = new ReduceOnPlateau(optimizer) { Patience = 1 };
        foreach (double loss in new[] { 1.0, 0.9, 0.95, 0.97, 0.99 })
            plateau.Step(loss);
        TrainingCheckpoint.Save(path, model, optimizer, new TrainingPosition(5, 0, 0), plateau);

        TensorTestModel<float> resumedModel = TensorTestModel<float>.Mlp();
        Adam<float> resumedOptimizer = NewAdam(resumedModel);
        var resumedPlateau = new ReduceOnPlateau(resumedOptimizer) { Patience = 1 };
        TrainingCheckpoint.Load(path, resumedModel, resumedOptimizer, resumedPlateau);

        Assert.Equal(Scalars(plateau), Scalars(resumedPlateau));
        Assert.Equal(optimizer.LearningRate, resumedOptimizer.LearningRate);
        Assert.NotEqual(0.01, optimizer.LearningRate);
        Assert.Equal(plateau.Step(1.5), resumedPlateau.Step(1.5));
        Assert.Equal(optimizer.LearningRate, resumedOptimizer.LearningRate);
    }

    [Fact]
    public void Loading_into_another_optimizer_names_both_and_changes_nothing()
    {
        string path = SavedRun();
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        float[] before = model.Parameters.ToArray();

        var error = Assert.Throws<InvalidDataException>(() =>
            TrainingCheckpoint.Load(path, model, new Sgd<float>(model, new() { LearningRate = 0.1 })));

        Assert.Contains("holds the state of Adam, but the optimizer to restore is Sgd; nothing was loaded.", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void Loading_into_an_optimizer_with_other_options_names_the_extra_state_and_changes_nothing()
    {
        string path = SavedRun();
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        var optimizer = new Adam<float>(model, new AdamOptions { LearningRate = 0.01 }); // without AMSGrad
        float[] before = model.Parameters.ToArray();
        Rng random = model.Random;

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, optimizer));

        Assert.Contains("does not match TensorTestModel with Adam; nothing was loaded. unexpected: optimizer.adam.max_exp_avg_sq.", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal(random.NextUInt64(), model.Random.NextUInt64());
    }

    [Fact]
    public void Loading_into_another_model_names_the_tensors_that_differ()
    {
        string path = SavedRun();
        var model = new TensorTestModel<float>(("Hidden.weight", [5, 6]), ("Hidden.bias", [6]), ("Output.weight", [3, 6]), ("Output.bias", [3]));

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, NewAdam(model)));

        Assert.Contains("unexpected: LayerNorm1.weight, LayerNorm1.bias", error.Message);
        Assert.Contains("Hidden.weight has shape [6, 5] in the checkpoint but [5, 6] in TensorTestModel with Adam", error.Message);
        Assert.Contains("optimizer.adam.exp_avg has shape [69] in the checkpoint but [57]", error.Message);
    }

    [Fact]
    public void A_model_only_checkpoint_is_not_a_training_checkpoint()
    {
        string path = _directory.File("weights.safetensors");
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        Checkpoint.Save(model, path);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, NewAdam(model)));

        Assert.Contains("is not a training checkpoint: it has no optimizer state", error.Message);
    }

    [Fact]
    public void Checkpoint_Load_reads_the_weights_of_a_training_checkpoint()
    {
        string path = SavedRun();
        TensorTestModel<float> saved = TensorTestModel<float>.Mlp();
        Train(saved, NewAdam(saved), 0, 4);
        var model = new TensorTestModel<float>(("Hidden.weight", [6, 5]), ("Hidden.bias", [6]), ("LayerNorm1.weight", [6]),
            ("LayerNorm1.bias", [6]), ("Output.weight", [3, 6]), ("Output.bias", [3]));

        Checkpoint.Load(model, path);

        Assert.Equal(saved.Parameters.ToArray(), model.Parameters.ToArray());
    }

    [Fact]
    public void A_damaged_value_is_named_and_nothing_is_loaded()
    {
        string path = SavedRun();
        RewriteMetadata(path, "progress.step", "x");
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        float[] before = model.Parameters.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, NewAdam(model)));

        Assert.Contains("'progress.step' is \"x\"; expected a whole number", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void A_schedule_value_the_schedule_rejects_leaves_the_optimizer_as_it_was()
    {
        string path = _directory.File("run.safetensors");
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        Adam<float> optimizer = NewAdam(model);
        Train(model, optimizer, 0, 3);
        optimizer.LearningRate = 0.5;
        TrainingCheckpoint.Save(path, model, optimizer, new TrainingPosition(1, 0, 3), new ReduceOnPlateau(optimizer));
        RewriteMetadata(path, "schedule.plateau.last_epoch", "-3");
        TensorTestModel<float> fresh = TensorTestModel<float>.Mlp();
        Adam<float> freshOptimizer = NewAdam(fresh);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, fresh, freshOptimizer, new ReduceOnPlateau(freshOptimizer)));

        Assert.Contains("the saved 'plateau.last_epoch' cannot be restored; nothing was loaded.", error.Message);
        Assert.Equal(0, freshOptimizer.StepCount);
        Assert.Equal(0.01, freshOptimizer.LearningRate);
    }

    [Fact]
    public void Save_rejects_an_optimizer_of_another_model_or_precision_and_negative_progress()
    {
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        string path = _directory.File("run.safetensors");

        var other = Assert.Throws<ArgumentException>(() => TrainingCheckpoint.Save(path, model, new Adam<float>(10, new AdamOptions()), TrainingPosition.Start));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingCheckpoint.Save(path, model, NewAdam(model), new TrainingPosition(0, -1, 0)));
        var precision = Assert.Throws<ArgumentException>(() =>
            TrainingCheckpoint.Save(path, TensorTestModel<double>.Mlp(), new Adam<float>(69, new AdamOptions()), TrainingPosition.Start));

        Assert.Contains("Adam was built for 10 parameters, but TensorTestModel has 69", other.Message);
        Assert.Contains("batch -1", negative.Message);
        Assert.Contains("Adam does not update Double values, which TensorTestModel's parameters are", precision.Message);
        Assert.Empty(_directory.FileNames());
    }

    /// <summary>Writes the file again with one metadata value replaced, as a hand edit or a damaged file would have it.</summary>
    private static void RewriteMetadata(string path, string key, string value)
    {
        SafeTensorsFile file = SafeTensors.Read(path);
        var metadata = file.Metadata.ToDictionary(entry => entry.Key, entry => entry.Value);
        Assert.True(metadata.ContainsKey(key), $"The checkpoint has no '{key}'.");
        metadata[key] = value;
        List<NamedTensor<float>> tensors = [.. file.Tensors.Select(tensor => new NamedTensor<float>(tensor.Name, tensor.Shape, file.Read<float>(tensor.Name)))];
        SafeTensors.Write(path, tensors, metadata);
    }

    /// <summary>A checkpoint of an AMSGrad Adam run 4 steps in.</summary>
    private string SavedRun()
    {
        string path = _directory.File("saved.safetensors");
        TensorTestModel<float> model = TensorTestModel<float>.Mlp();
        Adam<float> optimizer = NewAdam(model);
        Train(model, optimizer, 0, 4);
        TrainingCheckpoint.Save(path, model, optimizer, new TrainingPosition(0, 4, 4));
        return path;
    }

    private static Adam<T> NewAdam<T>(IModel<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(model, new AdamOptions { LearningRate = 0.01, Amsgrad = true, WeightDecay = 1e-2 });

    /// <summary>
    /// Steps from <paramref name="from"/> to <paramref name="until"/> with gradients that depend on the
    /// parameters and on draws from the model's generator (as dropout masks do), so a resumed run
    /// matches only when the parameters, the optimizer state and the generator are all restored.
    /// </summary>
    private static void Train<T>(IModel<T> model, IOptimizer optimizer, long from, long until) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long step = from; step < until; step++)
        {
            Rng random = model.Random;
            Span<T> parameters = model.Parameters;
            Span<T> gradients = model.Gradients;
            for (int i = 0; i < parameters.Length; i++)
                gradients[i] = parameters[i] * T.CreateTruncating(random.NextDouble() < 0.3 ? 0.0 : 1.0 / 0.7) - T.CreateTruncating(0.1 * (step % 3));
            model.Random = random;
            optimizer.Step();
        }
    }

    private static double[] Scalars(IScalarState state) => [.. Enumerable.Range(0, state.ScalarNames.Count).Select(state.GetScalar)];

    private static byte[] Bits<T>(Span<T> values) where T : unmanaged => MemoryMarshal.AsBytes(values).ToArray();

    /// <summary>Passes writes through until <c>limit</c> bytes, then throws as a full disk would.</summary>
    private sealed class FailingStream(Stream inner, int limit) : Stream
    {
        public const string Message = "Simulated: no space left on device.";

        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > limit)
            {
                // Write what fits first, so the temporary file really is half written.
                int fits = (int)(limit - _written);
                inner.Write(buffer[..fits]);
                _written = limit;
                throw new IOException(Message);
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
