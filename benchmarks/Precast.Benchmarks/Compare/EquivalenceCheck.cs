using Precast.Checkpoints;

namespace Precast.Benchmarks.Compare;

/// <summary>
/// Checks that the Precast network and the PyTorch one torch_compare.py timed are the same network:
/// loads PyTorch's initial state_dict into the generated model with <see cref="Checkpoint.Load{T}"/>
/// (which requires every tensor name and shape to match), runs the same input batch, and compares
/// the outputs in inference mode and, for networks without dropout, the outputs in training mode,
/// the loss, every gradient and the running statistics the pass left.
/// </summary>
public static class EquivalenceCheck
{
    /// <summary>Runs the check of <paramref name="network"/> on the files PyTorch wrote.</summary>
    public static EquivalenceResult Run(Network network, EquivalenceFiles files)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            ITrainable<float, int> model = network.Create(files.Batch, 1);
            Checkpoint.Load(model, files.Initial);
            SafeTensorsFile expected = SafeTensors.Read(files.Expected);
            float[] inputs = expected.Read<float>("input");
            int[] labels = [.. expected.Read<double>("labels").Select(label => (int)label)];

            model.IsTraining = false;
            double evalOutput = MaxDifference(model.Forward(inputs), expected.Read<float>("eval_output"));
            if (files.After is null)
                return new EquivalenceResult(network.Name, files.Batch, evalOutput, null, null, null, null, null, null);

            model.IsTraining = true;
            model.ZeroGradients();
            double trainOutput = MaxDifference(model.Forward(inputs), expected.Read<float>("train_output"));
            double loss = Math.Abs((double)model.ComputeLoss(labels) - expected.Read<float>("loss")[0]);
            model.Backward();

            // PyTorch's gradients and running statistics, loaded by name into a second model's
            // parameters and state, where they line up with the first model's gradients and state.
            ITrainable<float, int> after = network.Create(files.Batch, 1);
            Checkpoint.Load(after, files.After);
            double gradient = MaxDifference(model.Gradients, after.Parameters);
            double gradientScale = MaxMagnitude(after.Parameters);
            double? state = model.State.IsEmpty ? null : MaxDifference(model.State, after.State);
            return new EquivalenceResult(network.Name, files.Batch, evalOutput, trainOutput, loss, gradient, gradientScale, state, null);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or KeyNotFoundException or ArgumentException)
        {
            return EquivalenceResult.Failed(network.Name, files.Batch, error.Message);
        }
    }

    private static double MaxDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        if (actual.Length != expected.Length)
            throw new InvalidDataException($"EquivalenceCheck: {actual.Length} values in Precast against {expected.Length} in PyTorch.");
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
            max = Math.Max(max, Math.Abs((double)actual[i] - expected[i]));
        return max;
    }

    private static double MaxMagnitude(ReadOnlySpan<float> values)
    {
        double max = 0;
        foreach (float value in values)
            max = Math.Max(max, Math.Abs(value));
        return max;
    }
}
