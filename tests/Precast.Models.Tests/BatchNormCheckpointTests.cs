using Precast.Checkpoints;
using Precast.Models.Tests.Models;
using Precast.Optimizers;

namespace Precast.Models.Tests;

/// <summary>
/// BatchNorm's non-trainable state in checkpoints: Checkpoint.Save writes every running_mean,
/// running_var and num_batches_tracked beside the parameters, and Checkpoint.Load restores them, so
/// a restored model infers exactly as the saved one did. (Loading PyTorch's own state_dict, with its
/// int64 num_batches_tracked, is TorchConvolutionTests' resnet_state_dict case.)
/// </summary>
public sealed class BatchNormCheckpointTests
{
    private const int Batch = 8;
    private const int Steps = 3;

    [Fact]
    public void SaveAndLoadKeepTheRunningStatisticsAndBatchCounts()
    {
        var model = Trained();
        string path = TemporaryPath();
        try
        {
            Checkpoint.Save(model, path);
            SafeTensorsFile file = SafeTensors.Read(path);
            // Five BatchNorms (one inside a [Concat] branch), three state tensors each, after the parameters.
            string[] state = [.. model.StateTensors.Select(t => t.Name)];
            Assert.Equal(15, state.Length);
            Assert.Equal(5, state.Count(n => n.EndsWith(".running_mean", StringComparison.Ordinal)));
            Assert.Equal(5, state.Count(n => n.EndsWith(".running_var", StringComparison.Ordinal)));
            Assert.Equal(5, state.Count(n => n.EndsWith(".num_batches_tracked", StringComparison.Ordinal)));
            Assert.Equal([.. model.ParameterTensors.Select(t => t.Name), .. state], file.Tensors.Select(t => t.Name));
            foreach (string name in state.Where(n => n.EndsWith(".num_batches_tracked", StringComparison.Ordinal)))
                Assert.Equal([(float)Steps], file.Read<float>(name));

            var restored = new ConvBatchNormClassifier(Batch, seed: 99);
            Assert.NotEqual(model.State.ToArray(), restored.State.ToArray());
            Checkpoint.Load(restored, path);
            Assert.Equal(model.Parameters.ToArray(), restored.Parameters.ToArray());
            Assert.Equal(model.State.ToArray(), restored.State.ToArray());

            // Inference reads the running statistics: the same outputs, bit for bit.
            float[] x = Inputs(seed: 5);
            model.IsTraining = false;
            restored.IsTraining = false;
            Assert.Equal(model.Forward(x).ToArray(), restored.Forward(x).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ACheckpointWithoutTheStateIsRejectedNamingIt()
    {
        // The trained parameters alone, as a file of weights without buffers would hold them.
        var model = Trained();
        string path = TemporaryPath();
        try
        {
            SafeTensors.Write<float>(path, [.. model.ParameterTensors.Select(t => new NamedTensor<float>(t.Name, t.Shape, model.Parameters.Slice(t.Offset, t.Length).ToArray()))]);
            var restored = new ConvBatchNormClassifier(Batch, seed: 99);
            float[] before = [.. restored.Parameters.ToArray(), .. restored.State.ToArray()];
            var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(restored, path));
            Assert.Contains("does not match ConvBatchNormClassifier; nothing was loaded. missing: " + string.Join(", ", model.StateTensors.Select(t => t.Name)) + ".", error.Message);
            float[] after = [.. restored.Parameters.ToArray(), .. restored.State.ToArray()];
            Assert.Equal(before, after);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A classifier after <see cref="Steps"/> training steps: its running statistics moved and counted.</summary>
    private static ConvBatchNormClassifier Trained()
    {
        var model = new ConvBatchNormClassifier(Batch, seed: 4);
        var sgd = new Sgd<float>(model, new() { LearningRate = 0.05 });
        int[] labels = [.. Enumerable.Range(0, Batch).Select(i => i % 5)];
        for (int step = 0; step < Steps; step++)
        {
            model.TrainStep(Inputs(seed: step), labels);
            sgd.Step();
        }
        return model;
    }

    /// <summary>A batch shifted and scaled away from 0 and 1, so the running statistics move visibly.</summary>
    private static float[] Inputs(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Batch * ConvBatchNormClassifier.InputSize).Select(_ => 2 + 3 * (float)random.NextDouble())];
    }

    private static string TemporaryPath() => Path.Combine(Path.GetTempPath(), $"precast-{Guid.NewGuid():N}.safetensors");
}
