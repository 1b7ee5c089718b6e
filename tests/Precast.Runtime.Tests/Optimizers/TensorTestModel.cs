using System.Numerics;
using Precast;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>
/// A hand-written stand-in for a generated model of either precision: named tensors laid out one
/// after another in flat parameter and gradient buffers. Only what optimizers use is real; the rest throws.
/// </summary>
internal sealed class TensorTestModel<T> : IModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] parameters;
    private readonly T[] gradients;
    private readonly ParameterTensor[] tensors;

    public TensorTestModel(params (string Name, int[] Shape)[] layout)
    {
        var list = new List<ParameterTensor>();
        int offset = 0;
        foreach ((string name, int[] shape) in layout)
        {
            var tensor = new ParameterTensor(name, shape, offset);
            list.Add(tensor);
            offset += tensor.Length;
        }
        tensors = [.. list];
        parameters = new T[offset];
        gradients = new T[offset];
        for (int i = 0; i < offset; i++)
        {
            // Deterministic values of both signs and mixed scales.
            parameters[i] = T.CreateTruncating(Math.Sin(i + 1) * (1 + i % 3));
            gradients[i] = T.CreateTruncating(Math.Cos(3 * i + 1) * 0.1 * (1 + i % 5));
        }
    }

    /// <summary>A small model with the tensors a network has: weights, biases and a normalization layer's scale and shift.</summary>
    public static TensorTestModel<T> Mlp() => new(
        ("Hidden.weight", [6, 5]),
        ("Hidden.bias", [6]),
        ("LayerNorm1.weight", [6]),
        ("LayerNorm1.bias", [6]),
        ("Output.weight", [3, 6]),
        ("Output.bias", [3]));

    public string ModelName => "TensorTestModel";

    public Span<T> Parameters => parameters;

    public Span<T> Gradients => gradients;

    public IReadOnlyList<ParameterTensor> ParameterTensors => tensors;

    public Span<T> State => Span<T>.Empty;

    public IReadOnlyList<ParameterTensor> StateTensors => [];

    public int InputLength => throw Unsupported();

    public int OutputLength => throw Unsupported();

    public ReadOnlySpan<int> InputShape => throw Unsupported();

    public ReadOnlySpan<int> OutputShape => throw Unsupported();

    public int MaxBatch => throw Unsupported();

    public bool IsTraining
    {
        get => throw Unsupported();
        set => throw Unsupported();
    }

    public Rng Random { get; set; } = new(1);

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> inputs) => throw Unsupported();

    public void Backward(ReadOnlySpan<T> outputGradient) => throw Unsupported();

    public void ZeroGradients() => Array.Clear(gradients);

    public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs) => throw Unsupported();

    public string Summary() => throw Unsupported();

    private static InvalidOperationException Unsupported([System.Runtime.CompilerServices.CallerMemberName] string member = "") =>
        new($"TensorTestModel only implements what optimizers use; '{member}' is not available.");
}
