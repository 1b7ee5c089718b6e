using System.Text.Json;
using Precast.Checkpoints;

namespace Precast.Runtime.Tests.Checkpoints;

/// <summary>
/// Loading a PyTorch state_dict saved as safetensors (tests/fixtures/torch_state_dict.py: a 4-5-3
/// network whose layers PyTorch calls fc1 and fc2) into a model whose layers are called Hidden and
/// Output, through a name map; every mismatch is an error naming the tensor.
/// </summary>
public sealed class TorchStateDictTests
{
    private static readonly string s_path = Path.Combine(AppContext.BaseDirectory, "fixtures", "torch_state_dict.safetensors");

    private static readonly Lazy<Dictionary<string, float[]>> s_values = new(() =>
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "torch_state_dict.json")));
        return fixture.RootElement.GetProperty("tensors").EnumerateArray().ToDictionary(
            tensor => tensor.GetProperty("name").GetString()!,
            tensor => tensor.GetProperty("value").EnumerateArray().Select(value => value.GetSingle()).ToArray());
    });

    private static TestModel<T> Net<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new("TorchNet", ("Hidden.weight", [5, 4]), ("Hidden.bias", [5]), ("Output.weight", [3, 5]), ("Output.bias", [3]));

    private static string ToTorch(string name) => name.Replace("Hidden.", "fc1.", StringComparison.Ordinal).Replace("Output.", "fc2.", StringComparison.Ordinal);

    [Fact]
    public void A_function_name_map_loads_every_tensor_exactly()
    {
        TestModel<float> model = Net<float>();

        Checkpoint.Load(model, s_path, ToTorch);

        Assert.Equal(s_values.Value["fc1.weight"], model.Parameter("Hidden.weight").ToArray());
        Assert.Equal(s_values.Value["fc1.bias"], model.Parameter("Hidden.bias").ToArray());
        Assert.Equal(s_values.Value["fc2.weight"], model.Parameter("Output.weight").ToArray());
        Assert.Equal(s_values.Value["fc2.bias"], model.Parameter("Output.bias").ToArray());
    }

    [Fact]
    public void A_dictionary_name_map_loads_into_a_double_model()
    {
        TestModel<double> model = Net<double>();

        Checkpoint.Load(model, s_path, new Dictionary<string, string>
        {
            ["Hidden.weight"] = "fc1.weight",
            ["Hidden.bias"] = "fc1.bias",
            ["Output.weight"] = "fc2.weight",
            ["Output.bias"] = "fc2.bias",
        });

        Assert.Equal(s_values.Value["fc2.weight"].Select(value => (double)value), model.Parameter("Output.weight").ToArray());
    }

    [Fact]
    public void Without_a_map_every_name_is_missing_and_every_file_name_unexpected()
    {
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(Net<float>(), s_path));

        Assert.Contains(
            "missing: Hidden.weight, Hidden.bias, Output.weight, Output.bias; unexpected: fc1.weight, fc1.bias, fc2.weight, fc2.bias.",
            error.Message);
    }

    [Fact]
    public void A_missing_tensor_is_named_as_the_file_would_call_it_and_nothing_is_loaded()
    {
        TestModel<float> model = new TestModel<float>("TorchNet", ("Hidden.weight", [5, 4]), ("Hidden.bias", [5]),
            ("Output.weight", [3, 5]), ("Output.bias", [3]), ("Extra.bias", [2])).Fill(_ => 7f);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, s_path, ToTorch));

        Assert.Contains($"Checkpoint '{s_path}' does not match TorchNet; nothing was loaded. missing: Extra.bias.", error.Message);
        Assert.All(model.Snapshot(), value => Assert.Equal(7f, value));
    }

    [Fact]
    public void An_extra_tensor_of_the_file_is_named()
    {
        var model = new TestModel<float>("TorchNet", ("Hidden.weight", [5, 4]), ("Hidden.bias", [5]));

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, s_path, ToTorch));

        Assert.Contains("nothing was loaded. unexpected: fc2.weight, fc2.bias.", error.Message);
    }

    [Fact]
    public void A_tensor_of_another_shape_is_named_with_both_names_and_both_shapes()
    {
        var model = new TestModel<float>("TorchNet", ("Hidden.weight", [4, 5]), ("Hidden.bias", [5]), ("Output.weight", [3, 5]), ("Output.bias", [3]));

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, s_path, ToTorch));

        Assert.Contains("fc1.weight (for Hidden.weight) has shape [5, 4] in the checkpoint but [4, 5] in TorchNet.", error.Message);
    }

    [Fact]
    public void A_dictionary_that_renames_a_tensor_the_model_lacks_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Checkpoint.Load(Net<float>(), s_path, new Dictionary<string, string> { ["Hiden.weight"] = "fc1.weight" }));

        Assert.Equal("nameMap", error.ParamName);
        Assert.Contains("renames Hiden.weight, which TorchNet does not have; its tensors are Hidden.weight, Hidden.bias, Output.weight, Output.bias.", error.Message);
    }

    [Fact]
    public void A_map_that_sends_two_tensors_to_one_name_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Checkpoint.Load(Net<float>(), s_path, _ => "fc1.weight"));

        Assert.Contains("Two tensors would be read from 'fc1.weight' (the second is 'Hidden.bias')", error.Message);
    }
}
