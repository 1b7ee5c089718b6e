using System.Numerics;
using System.Text.Json;
using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>
/// One case of tests/fixtures/optimizers.json (written by torch_optimizers.py): the optimizer and its
/// PyTorch arguments, the parameter groups and clipping if any, the float32 start and gradients, and
/// PyTorch's parameters after every step and state after the last, in float32 and float64.
/// </summary>
internal sealed class OptimizerCase(JsonElement json)
{
    public string Name => json.GetProperty("name").GetString()!;

    /// <summary>PyTorch's class in lower case: "sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "nadam", "radam".</summary>
    public string Optimizer => json.GetProperty("optimizer").GetString()!;

    public int Steps => json.GetProperty("gradients").GetArrayLength();

    public bool HasGroups => json.TryGetProperty("groups", out _);

    public override string ToString() => Name;

    /// <summary>The named tensors of a case with groups; none otherwise.</summary>
    public ParameterTensor[] Tensors()
    {
        if (!json.TryGetProperty("tensors", out JsonElement tensors))
            return [];
        var result = new List<ParameterTensor>();
        int offset = 0;
        foreach (JsonElement tensor in tensors.EnumerateArray())
        {
            int[] shape = tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var parameterTensor = new ParameterTensor(tensor.GetProperty("name").GetString()!, shape, offset);
            result.Add(parameterTensor);
            offset += parameterTensor.Length;
        }
        return [.. result];
    }

    /// <summary>The optimizer with the case's options and groups, for raw buffers of <typeparamref name="T"/>.</summary>
    public IOptimizer<T> Create<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => TorchOptimizers.Create<T>(Optimizer, Initial<double>().Length, Tensors(), OptionsJson(json), Groups());

    /// <summary>The clipping applied before each step: kind "norm" (max_norm, norm_type) or "value" (clip_value); null for none.</summary>
    public Clip? Clipping()
    {
        if (!json.TryGetProperty("clip", out JsonElement clip))
            return null;
        string kind = clip.GetProperty("kind").GetString()!;
        if (kind == "value")
            return new Clip(false, clip.GetProperty("clip_value").GetDouble(), 0);
        JsonElement type = clip.GetProperty("norm_type");
        double normType = type.ValueKind == JsonValueKind.String ? double.PositiveInfinity : type.GetDouble();
        return new Clip(true, clip.GetProperty("max_norm").GetDouble(), normType);
    }

    /// <summary>A copy of the starting parameters: float32 values (both runs start from them), widened to <typeparamref name="T"/>.</summary>
    public T[] Initial<T>() where T : unmanaged, IFloatingPointIeee754<T> => Float32s<T>(json.GetProperty("initial"));

    /// <summary>The gradients of step <paramref name="step"/> (counting from 0): float32 values, widened.</summary>
    public T[] Gradients<T>(int step) where T : unmanaged, IFloatingPointIeee754<T> => Float32s<T>(json.GetProperty("gradients")[step]);

    /// <summary>PyTorch's parameters after step <paramref name="step"/> (counting from 0), computed in <typeparamref name="T"/>.</summary>
    public T[] ParametersAfter<T>(int step) where T : unmanaged, IFloatingPointIeee754<T>
        => Vector<T>(Trajectory<T>().GetProperty("parameters")[step]);

    /// <summary>PyTorch's state after the last step, by its name ("exp_avg", "momentum_buffer", ...).</summary>
    public IReadOnlyDictionary<string, double[]> State<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Trajectory<T>().GetProperty("state").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray());

    /// <summary>The norms clip_grad_norm_ returned, one per step.</summary>
    public double[] Norms<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Trajectory<T>().GetProperty("norms").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private JsonElement Trajectory<T>() => json.GetProperty(typeof(T) == typeof(float) ? "float32" : "float64");

    private (string[] Tensors, JsonElement Options)[] Groups() => !json.TryGetProperty("groups", out JsonElement groups)
        ? []
        : groups.EnumerateArray()
            .Select(g => (g.GetProperty("tensors").EnumerateArray().Select(t => t.GetString()!).ToArray(), g.GetProperty("options")))
            .ToArray();

    /// <summary>The case's PyTorch options, with Precast's extras (l1, decoupled) folded in.</summary>
    private static TorchArguments OptionsJson(JsonElement json) => new(
        json.GetProperty("options"),
        json.TryGetProperty("l1", out JsonElement l1) ? l1.GetDouble() : 0,
        json.TryGetProperty("decoupled", out JsonElement decoupled) && decoupled.GetBoolean());

    private static T[] Vector<T>(JsonElement array) where T : unmanaged, IFloatingPointIeee754<T>
        => array.EnumerateArray().Select(value => T.CreateTruncating(value.GetDouble())).ToArray();

    /// <summary>Float32 values written with nine significant digits: read as float they are exact, read as double they would not be.</summary>
    private static T[] Float32s<T>(JsonElement array) where T : unmanaged, IFloatingPointIeee754<T>
        => array.EnumerateArray().Select(value => T.CreateTruncating(value.GetSingle())).ToArray();

    /// <summary>Gradient clipping before each step.</summary>
    public sealed record Clip(bool ByNorm, double Limit, double NormType);
}
