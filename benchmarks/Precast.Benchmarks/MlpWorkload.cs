using Precast.Optimizers;

namespace Precast.Benchmarks;

/// <summary>
/// The three measured operations on one model, shared by the BenchmarkDotNet benchmarks and the
/// <c>compare</c> command so that both time exactly the same calls.
/// </summary>
public sealed class MlpWorkload
{
    /// <summary>The batch of the batched forward pass and of the training step.</summary>
    public const int FullBatch = 64;

    private readonly Mlp model;
    private readonly Adam<float> optimizer;
    private readonly SampleBatch one = SampleBatch.Create(1, seed: 2);
    private readonly SampleBatch full = SampleBatch.Create(FullBatch, seed: 3);

    /// <summary>Allocates the model (for batches up to <see cref="FullBatch"/>), Adam and the input batches.</summary>
    public MlpWorkload()
    {
        // Inference mode for Forward, as PyTorch's eval(); TrainStep always trains.
        model = new Mlp(FullBatch, seed: 1) { IsTraining = false };
        optimizer = new Adam<float>(model, new() { LearningRate = 1e-3 });
    }

    /// <summary>Forward pass of one sample; returns one output so the work cannot be skipped.</summary>
    public float ForwardOne() => model.Forward(one.Inputs)[0];

    /// <summary>Forward pass of <see cref="FullBatch"/> samples; returns one output.</summary>
    public float ForwardFull() => model.Forward(full.Inputs)[0];

    /// <summary>One training step at <see cref="FullBatch"/>: forward, loss, backward, then the Adam update; returns the loss.</summary>
    public float TrainFull()
    {
        float loss = model.TrainStep(full.Inputs, full.Labels);
        optimizer.Step();
        return loss;
    }
}
