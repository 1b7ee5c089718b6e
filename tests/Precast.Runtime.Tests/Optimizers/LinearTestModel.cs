using Precast;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>
/// A hand-written stand-in for a generated model: one dense layer <c>y = W·x + b</c> (W is
/// [classes, inputs]) with softmax cross-entropy, laid out as a generated model would be (weights,
/// then bias, in one flat buffer). It lets the optimizer and metric tests use the model-based APIs
/// without the source generator. It also records what the tests need to observe: how many times
/// Forward ran, the largest batch it saw and whether it ran in training mode.
/// </summary>
internal sealed class LinearTestModel : ITrainable<float, int>
{
    private const string Name = nameof(LinearTestModel);
    private readonly int[] inputShape;
    private readonly int[] outputShape;
    private readonly string inputShapeText;
    private readonly float[] parameters;
    private readonly float[] gradients;
    private readonly float[] inputs;
    private readonly float[] outputs;
    private readonly float[] outputGradient;
    private int batch;

    public LinearTestModel(int inputLength, int classes, int maxBatch)
    {
        InputLength = inputLength;
        OutputLength = classes;
        MaxBatch = maxBatch;
        inputShape = [inputLength];
        outputShape = [classes];
        inputShapeText = ShapeText.Format(inputShape);
        parameters = new float[classes * inputLength + classes];
        gradients = new float[parameters.Length];
        inputs = new float[maxBatch * inputLength];
        outputs = new float[maxBatch * classes];
        outputGradient = new float[maxBatch * classes];
        ParameterTensors =
        [
            new ParameterTensor("Linear.weight", [classes, inputLength], 0),
            new ParameterTensor("Linear.bias", [classes], classes * inputLength),
        ];
    }

    public string ModelName => Name;
    public int InputLength { get; }
    public int OutputLength { get; }
    public int TargetLength => 1;
    public ReadOnlySpan<int> InputShape => inputShape;
    public ReadOnlySpan<int> OutputShape => outputShape;
    public int MaxBatch { get; }
    public Span<float> Parameters => parameters;
    public Span<float> Gradients => gradients;
    public IReadOnlyList<ParameterTensor> ParameterTensors { get; }

    public Span<float> State => Span<float>.Empty;

    public IReadOnlyList<ParameterTensor> StateTensors => [];
    public bool IsTraining { get; set; } = true;

    /// <summary>The model has no dropout: nothing draws from it.</summary>
    public Rng Random { get; set; } = new(1);

    /// <summary>Forward calls so far.</summary>
    public int ForwardCalls { get; private set; }

    /// <summary>The largest batch Forward was given.</summary>
    public int LargestBatch { get; private set; }

    /// <summary>Whether any Forward call ran in training mode.</summary>
    public bool ForwardRanInTraining { get; private set; }

    /// <summary>When set, the Forward call with this number (counting from 1) throws.</summary>
    public int? FailingForwardCall { get; set; }

    private Span<float> Weight => parameters.AsSpan(0, OutputLength * InputLength);
    private Span<float> Bias => parameters.AsSpan(OutputLength * InputLength);

    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input)
    {
        batch = Guard.Batch(input.Length, InputLength, MaxBatch, $"{Name}.Forward", nameof(input), inputShapeText);
        ForwardCalls++;
        if (ForwardCalls == FailingForwardCall)
            throw new InvalidOperationException($"{Name}.Forward: failing call {ForwardCalls}, as the test asked.");
        LargestBatch = Math.Max(LargestBatch, batch);
        ForwardRanInTraining |= IsTraining;
        input.CopyTo(inputs);
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = input.Slice(n * InputLength, InputLength);
            for (int c = 0; c < OutputLength; c++)
            {
                float sum = Bias[c];
                for (int i = 0; i < InputLength; i++)
                    sum += Weight[c * InputLength + i] * x[i];
                outputs[n * OutputLength + c] = sum;
            }
        }
        return outputs.AsSpan(0, batch * OutputLength);
    }

    /// <summary>Mean softmax cross-entropy of the latest Forward; stores its gradient for <see cref="Backward()"/>.</summary>
    public float ComputeLoss(ReadOnlySpan<int> targets)
    {
        Guard.ForwardRan(batch, $"{Name}.ComputeLoss");
        Guard.Length(targets.Length, batch, 1, $"{Name}.ComputeLoss", nameof(targets));
        double total = 0;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> y = outputs.AsSpan(n * OutputLength, OutputLength);
            Span<float> dy = outputGradient.AsSpan(n * OutputLength, OutputLength);
            float max = y[0];
            foreach (float value in y)
                max = Math.Max(max, value);
            double sum = 0;
            foreach (float value in y)
                sum += Math.Exp(value - max);
            total += max + Math.Log(sum) - y[targets[n]];
            for (int c = 0; c < OutputLength; c++)
                dy[c] = (float)((Math.Exp(y[c] - max) / sum - (c == targets[n] ? 1 : 0)) / batch);
        }
        return (float)(total / batch);
    }

    public void Backward() => Backward(outputGradient.AsSpan(0, batch * OutputLength));

    public void Backward(ReadOnlySpan<float> dOutputs)
    {
        Guard.ForwardRan(batch, $"{Name}.Backward");
        Guard.Length(dOutputs.Length, batch, OutputLength, $"{Name}.Backward", nameof(dOutputs));
        Span<float> dWeight = gradients.AsSpan(0, OutputLength * InputLength);
        Span<float> dBias = gradients.AsSpan(OutputLength * InputLength);
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < OutputLength; c++)
            {
                float dy = dOutputs[n * OutputLength + c];
                dBias[c] += dy;
                for (int i = 0; i < InputLength; i++)
                    dWeight[c * InputLength + i] += dy * inputs[n * InputLength + i];
            }
        }
    }

    public void ZeroGradients() => Array.Clear(gradients);

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<int> targets)
    {
        ZeroGradients();
        Forward(input);
        float loss = ComputeLoss(targets);
        Backward();
        return loss;
    }

    public void Predict(ReadOnlySpan<float> input, Span<float> probabilities)
    {
        bool wasTraining = IsTraining;
        IsTraining = false;
        try
        {
            ReadOnlySpan<float> logits = Forward(input);
            Guard.Length(probabilities.Length, batch, OutputLength, $"{Name}.Predict", nameof(probabilities));
            for (int n = 0; n < batch; n++)
            {
                System.Numerics.Tensors.TensorPrimitives.SoftMax(
                    logits.Slice(n * OutputLength, OutputLength), probabilities.Slice(n * OutputLength, OutputLength));
            }
        }
        finally
        {
            IsTraining = wasTraining;
        }
    }

    public string Summary() =>
        $"{Name}: Dense {InputLength} -> {OutputLength} with softmax cross-entropy, {parameters.Length} parameters";
}
