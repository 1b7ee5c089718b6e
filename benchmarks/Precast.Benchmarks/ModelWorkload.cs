using Precast.Optimizers;

namespace Precast.Benchmarks;

/// <summary>
/// The three measured operations on one network, shared by the BenchmarkDotNet benchmarks and the
/// <c>compare</c> command so that both time exactly the same calls.
/// </summary>
public sealed class ModelWorkload
{
    /// <summary>The batch of the batched forward pass and of the training step.</summary>
    public const int FullBatch = 64;

    /// <summary>The batches the forward pass is timed at: one sample (inference) and <see cref="FullBatch"/>.</summary>
    public static IReadOnlyList<int> Batches { get; } = [1, FullBatch];

    private readonly ITrainable<float, int> model;
    private readonly Adam<float> optimizer;
    private readonly SampleBatch one;
    private readonly SampleBatch full;

    /// <summary>Allocates the model (for batches up to <see cref="FullBatch"/>), Adam and the input batches.</summary>
    public ModelWorkload(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        // Inference mode for Forward, as PyTorch's eval(); TrainStep always trains.
        model = network.Create(FullBatch, 1);
        model.IsTraining = false;
        optimizer = new Adam<float>(model, new() { LearningRate = 1e-3 });
        one = SampleBatch.Create(1, model.InputLength, seed: 2);
        full = SampleBatch.Create(FullBatch, model.InputLength, seed: 3);
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
