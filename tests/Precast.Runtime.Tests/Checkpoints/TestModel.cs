using System.Numerics;
using Precast;

namespace Precast.Runtime.Tests.Checkpoints;

/// <summary>
/// A hand-written stand-in for a generated model: named parameter tensors laid out one after
/// another in a flat buffer. Only what checkpoints use is real; the rest throws.
/// </summary>
internal sealed class TestModel<T> : IModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _parameters;
    private readonly ParameterTensor[] _tensors;
    private T[] _state = [];
    private ParameterTensor[] _stateTensors = [];

    public TestModel(string name, params (string Name, int[] Shape)[] tensors)
    {
        ModelName = name;
        (_tensors, int length) = Layout(tensors);
        _parameters = new T[length];
    }

    /// <summary>Named tensors laid out one after another, and the length of the buffer they fill.</summary>
    private static (ParameterTensor[] Tensors, int Length) Layout((string Name, int[] Shape)[] tensors)
    {
        var layout = new List<ParameterTensor>();
        int offset = 0;
        foreach ((string tensorName, int[] shape) in tensors)
        {
            var tensor = new ParameterTensor(tensorName, shape, offset);
            layout.Add(tensor);
            offset += tensor.Length;
        }
        return ([.. layout], offset);
    }

    /// <summary>A model whose tensors are given as they are, for layouts a generator would never emit.</summary>
    public TestModel(string name, int parameterCount, params ParameterTensor[] tensors)
    {
        ModelName = name;
        _tensors = tensors;
        _parameters = new T[parameterCount];
    }

    /// <summary>Called on every read of <see cref="Parameters"/>: lets a test fail a save part-way.</summary>
    public Action? ParametersRead { get; set; }

    public string ModelName { get; }

    public Span<T> Parameters
    {
        get
        {
            ParametersRead?.Invoke();
            return _parameters;
        }
    }

    public IReadOnlyList<ParameterTensor> ParameterTensors => _tensors;

    public Span<T> State => _state;

    public IReadOnlyList<ParameterTensor> StateTensors => _stateTensors;

    /// <summary>Gives the model non-trainable tensors too (running statistics), laid out one after another.</summary>
    public TestModel<T> WithState(params (string Name, int[] Shape)[] tensors)
    {
        (_stateTensors, int length) = Layout(tensors);
        _state = new T[length];
        return this;
    }

    /// <summary>The parameters as they are now, without triggering <see cref="ParametersRead"/>.</summary>
    public T[] Snapshot() => (T[])_parameters.Clone();

    /// <summary>Sets parameter i to <paramref name="value"/>(i).</summary>
    public TestModel<T> Fill(Func<int, T> value)
    {
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i] = value(i);
        return this;
    }

    public int InputLength => throw Unsupported();

    public int OutputLength => throw Unsupported();

    public ReadOnlySpan<int> InputShape => throw Unsupported();

    public ReadOnlySpan<int> OutputShape => throw Unsupported();

    public int MaxBatch => throw Unsupported();

    public Span<T> Gradients => throw Unsupported();

    public bool IsTraining
    {
        get => throw Unsupported();
        set => throw Unsupported();
    }

    /// <summary>Saved and restored by training checkpoints; nothing here draws from it.</summary>
    public Rng Random { get; set; } = new(1);

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> inputs) => throw Unsupported();

    public void Backward(ReadOnlySpan<T> outputGradient) => throw Unsupported();

    public void ZeroGradients() => throw Unsupported();

    public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs) => throw Unsupported();

    public string Summary() => throw Unsupported();

    private static InvalidOperationException Unsupported([System.Runtime.CompilerServices.CallerMemberName] string member = "") =>
        new($"TestModel only implements what checkpoints use; '{member}' is not available.");
}
