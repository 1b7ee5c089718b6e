using Precast.Checkpoints;
using Precast.Data;
using Precast.Optimizers;
using Precast.Runtime.Tests.Data;
using Precast.Runtime.Tests.Optimizers;
using Precast.Schedules;

namespace Precast.Runtime.Tests.Checkpoints;

/// <summary>
/// The examples of docs/checkpoints.md, compiled and run. Each ```csharp block of the page must
/// appear in this file line for line (indentation aside). The examples name files relative to the
/// working directory (the test's output folder); each test deletes them. xunit runs the tests of one
/// class one at a time, and no other class uses these names.
/// </summary>
public sealed class CheckpointDocsExamples : IDisposable
{
    private static readonly string[] s_files = ["fashion.safetensors", "run.safetensors", "best.safetensors", "net.safetensors"];

    public CheckpointDocsExamples() => Dispose();

    public void Dispose()
    {
        foreach (string file in s_files)
            File.Delete(file);
    }

    [Fact]
    public void Every_csharp_block_of_the_page_is_in_this_file() => DocsExamples.AssertEveryBlockIsIn("checkpoints.md", minimumBlocks: 4);

    [Fact]
    public void Saving_and_loading_weights()
    {
        var model = new LinearTestModel(inputLength: 3, classes: 4, maxBatch: 8);
        model.Parameters.Fill(0.25f);

        Checkpoint.Save(model, "fashion.safetensors");
        Checkpoint.Load(model, "fashion.safetensors");

        Assert.All(model.Parameters.ToArray(), value => Assert.Equal(0.25f, value));
        Assert.All(SafeTensors.Read("fashion.safetensors").Read<float>("Linear.weight"), value => Assert.Equal(0.25f, value));
    }

    [Fact]
    public void Resuming_training_gives_the_parameters_of_an_uninterrupted_run()
    {
        float[] uninterrupted = TrainWithCheckpoints(epochs: 3);
        File.Delete("run.safetensors");

        TrainWithCheckpoints(epochs: 1);              // stops after one epoch ...
        float[] resumed = TrainWithCheckpoints(epochs: 3); // ... and a new process picks up from the file

        Assert.Equal(uninterrupted, resumed);
        Assert.Equal(new TrainingPosition(3, 0, 3 * 4) { DataSeed = 42 },
            TrainingCheckpoint.Load("run.safetensors", new LinearTestModel(3, 10, 64), new Adam<float>(new LinearTestModel(3, 10, 64), new AdamOptions())));
    }

    /// <summary>The page's loop, in a fresh model and optimizer, as a new process would run it; 200 samples make 4 batches an epoch.</summary>
    private static float[] TrainWithCheckpoints(int epochs)
    {
        ITrainable<float, int> model = new LinearTestModel(inputLength: 3, classes: 10, maxBatch: 64);
        Dataset<float, int> train = DatasetTests.Numbered(count: 200, sampleLength: 3);

        var optimizer = new Adam<float>(model, new AdamOptions { LearningRate = 1e-3 });
        TrainingPosition progress = File.Exists("run.safetensors")
            ? TrainingCheckpoint.Load("run.safetensors", model, optimizer)
            : TrainingPosition.Start with { DataSeed = 42 };
        var batches = new Batcher<float, int>(train, batchSize: 64, seed: progress.DataSeed!.Value);

        long step = progress.Step;
        for (int epoch = progress.Epoch; epoch < epochs; epoch++)
        {
            int first = epoch == progress.Epoch ? progress.Batch : 0;
            foreach (var batch in batches.Epoch(epoch, startBatch: first))
            {
                model.TrainStep(batch.Inputs, batch.Targets);
                optimizer.Step();
                if (++step % 500 == 0)
                    TrainingCheckpoint.Save("run.safetensors", model, optimizer,
                        new TrainingPosition(epoch, batch.Index + 1, step) { DataSeed = batches.Seed });
            }
            TrainingCheckpoint.Save("run.safetensors", model, optimizer,
                new TrainingPosition(epoch + 1, 0, step) { DataSeed = batches.Seed });
        }
        return model.Parameters.ToArray();
    }

    [Fact]
    public void A_schedule_with_state()
    {
        var model = new LinearTestModel(inputLength: 3, classes: 4, maxBatch: 8);
        var optimizer = new Adam<float>(model, new AdamOptions { LearningRate = 1e-3 });
        int epoch = 4;
        long step = 100;

        var plateau = new ReduceOnPlateau(optimizer) { Patience = 2 };
        TrainingCheckpoint.Save("best.safetensors", model, optimizer, new TrainingPosition(epoch + 1, 0, step), plateau);
        TrainingCheckpoint.Load("best.safetensors", model, optimizer, plateau);

        Checkpoint.Load(model, "best.safetensors"); // the weights alone, for inference
    }

    [Fact]
    public void Loading_a_pytorch_state_dict()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "fixtures", "torch_state_dict.safetensors"), "net.safetensors");
        var model = new TestModel<float>("StateDictNet", ("Hidden.weight", [5, 4]), ("Hidden.bias", [5]), ("Output.weight", [3, 5]), ("Output.bias", [3]));

        Checkpoint.Load(model, "net.safetensors", name => name.Replace("Hidden.", "fc1.").Replace("Output.", "fc2."));
        Checkpoint.Load(model, "net.safetensors", new Dictionary<string, string>
        {
            ["Hidden.weight"] = "fc1.weight",
            ["Hidden.bias"] = "fc1.bias",
            ["Output.weight"] = "fc2.weight",
            ["Output.bias"] = "fc2.bias",
        });

        SafeTensorsFile file = SafeTensors.Read("net.safetensors");
        Assert.Equal(file.Read<float>("fc1.weight"), model.Parameter("Hidden.weight").ToArray());
        Assert.Equal(file.Read<float>("fc2.bias"), model.Parameter("Output.bias").ToArray());
    }
}
