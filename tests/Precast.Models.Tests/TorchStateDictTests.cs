using System.Text.Json;
using Precast.Checkpoints;
using Precast.Models.Tests.Models;

namespace Precast.Models.Tests;

/// <summary>
/// A PyTorch state_dict saved as safetensors (tests/fixtures/torch_state_dict.py), loaded by name
/// through a name map into a generated model, computes what the PyTorch network computes.
/// </summary>
public sealed class TorchStateDictTests
{
    [Fact]
    public void A_generated_model_loaded_from_a_state_dict_computes_the_torch_outputs()
    {
        string fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, "torch_state_dict.json")));
        float[] inputs = Floats(fixture.RootElement.GetProperty("inputs"));
        float[] expected = Floats(fixture.RootElement.GetProperty("outputs"));
        var model = new StateDictNet(maxBatch: 2);

        Checkpoint.Load(model, Path.Combine(fixtures, "torch_state_dict.safetensors"),
            name => name.Replace("Hidden.", "fc1.", StringComparison.Ordinal).Replace("Output.", "fc2.", StringComparison.Ordinal));
        float[] outputs = model.Forward(inputs).ToArray();

        Assert.Equal(expected.Length, outputs.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], outputs[i], 1e-6f);
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetSingle())];
}
