using System.Text.Json;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>One case of tests/fixtures/optimizers.json: hyperparameters, start, gradients, PyTorch's results.</summary>
internal sealed class OptimizerCase(JsonElement json)
{
    public string Name => json.GetProperty("name").GetString()!;

    /// <summary>"sgd", "adam" or "adamw".</summary>
    public string Optimizer => json.GetProperty("optimizer").GetString()!;

    public int Steps => json.GetProperty("gradients").GetArrayLength();

    /// <summary>A hyperparameter, exactly as the float PyTorch was given.</summary>
    public float Number(string key) => json.GetProperty(key).GetSingle();

    public bool Flag(string key) => json.GetProperty(key).GetBoolean();

    /// <summary>A copy of the starting parameters.</summary>
    public float[] Initial() => Vector(json.GetProperty("initial"));

    public float[] Gradients(int step) => Vector(json.GetProperty("gradients")[step]);

    public float[] ParametersAfter(int step) => Vector(json.GetProperty("parameters")[step]);

    /// <summary>An optimizer state buffer after the last step (momentum_buffer, exp_avg, exp_avg_sq).</summary>
    public float[] State(string key) => Vector(json.GetProperty(key));

    private static float[] Vector(JsonElement array) => array.EnumerateArray().Select(value => value.GetSingle()).ToArray();
}
