using System.Diagnostics.CodeAnalysis;
using Microsoft.ML.OnnxRuntime;

namespace Precast.Benchmarks.Compare;

/// <summary>Times inference of a network PyTorch exported in ONNX Runtime, at batch 1 and 64.</summary>
public static class OnnxRuntimeTiming
{
    /// <summary>
    /// Loads ONNX Runtime's native library (the first use of <see cref="OrtEnv"/> does) and returns
    /// its version; on failure, <paramref name="failure"/> holds the innermost reason.
    /// </summary>
    public static bool TryLoadNative([NotNullWhen(true)] out string? version, [NotNullWhen(false)] out string? failure)
    {
        try
        {
            version = OrtEnv.Instance().GetVersionString();
            failure = null;
            return true;
        }
        catch (Exception error) when (error is DllNotFoundException or TypeInitializationException
            or EntryPointNotFoundException or BadImageFormatException or OnnxRuntimeException)
        {
            Exception cause = error;
            while (cause.InnerException is not null)
                cause = cause.InnerException;
            version = null;
            // The loader's message lists every path it tried, one a line; keep it on one line for the report.
            string[] lines = cause.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            failure = $"{cause.GetType().Name}: {string.Join(" | ", lines)}";
            return false;
        }
    }

    /// <summary>
    /// Forward of <paramref name="network"/> at batch 1 and <see cref="ModelWorkload.FullBatch"/> on
    /// <paramref name="modelPath"/>, with <paramref name="threads"/> intra-op threads, one inter-op
    /// thread and every graph optimization.
    /// </summary>
    public static IReadOnlyList<Measurement> Measure(Network network, string modelPath, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new InferenceSession(modelPath, options);
        // The shapes come from the Precast model, which the exported one must match.
        ITrainable<float, int> model = network.Create(1, 1);
        return [Forward(network, model, session, 1), Forward(network, model, session, ModelWorkload.FullBatch)];
    }

    private static Measurement Forward(Network network, ITrainable<float, int> model, InferenceSession session, int batch)
    {
        // Inputs and outputs are bound once to pre-allocated memory, so the timed call is only the
        // inference, as Precast's Forward is.
        SampleBatch sample = SampleBatch.Create(batch, model.InputLength, seed: 2);
        var outputs = new float[batch * model.OutputLength];
        long[] inputShape = [batch, .. model.InputShape.ToArray().Select(size => (long)size)];
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(sample.Inputs, inputShape);
        using OrtValue output = OrtValue.CreateTensorValueFromMemory(outputs, [batch, model.OutputLength]);
        using OrtIoBinding binding = session.CreateIoBinding();
        binding.BindInput(session.InputNames[0], input);
        binding.BindOutput(session.OutputNames[0], output);
        using var runOptions = new RunOptions();

        session.RunWithBinding(runOptions, binding);
        if (Array.TrueForAll(outputs, value => value == 0))
            throw new InvalidOperationException(
                $"ONNX Runtime wrote no outputs of {network.Title} for batch {batch} into the bound buffer of '{session.OutputNames[0]}'.");

        double microseconds = MedianTimer.MedianMicroseconds(() => session.RunWithBinding(runOptions, binding), TimingBudget.Network);
        return new Measurement(network.Name, Measurement.Forward, batch, microseconds);
    }
}
