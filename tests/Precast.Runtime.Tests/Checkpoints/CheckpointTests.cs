using Precast.Checkpoints;
using Precast.Runtime.Tests.Data;

namespace Precast.Runtime.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static TestModel<T> Mlp<T>(string name = "FashionMlp") where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new(name, ("Hidden.weight", [8, 12]), ("Hidden.bias", [8]), ("Output.weight", [3, 8]), ("Output.bias", [3]));

    [Fact]
    public void Save_then_Load_restores_float_parameters_bit_for_bit()
    {
        string path = _directory.File("mlp.safetensors");
        TestModel<float> saved = Mlp<float>().Fill(i => MathF.Sin(i * 0.37f) * 1e-3f * (i % 7 == 0 ? -1 : 1));
        TestModel<float> loaded = Mlp<float>().Fill(_ => 42f);

        Checkpoint.Save(saved, path);
        Checkpoint.Load(loaded, path);

        Assert.Equal(saved.Snapshot().Select(BitConverter.SingleToInt32Bits), loaded.Snapshot().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(["mlp.safetensors"], _directory.FileNames());
    }

    [Fact]
    public void Save_then_Load_restores_double_parameters_bit_for_bit()
    {
        string path = _directory.File("mlp.safetensors");
        TestModel<double> saved = Mlp<double>().Fill(i => Math.Cos(i * 1.1) / 3);
        TestModel<double> loaded = Mlp<double>();

        Checkpoint.Save(saved, path);
        Checkpoint.Load(loaded, path);

        Assert.Equal(saved.Snapshot().Select(BitConverter.DoubleToInt64Bits), loaded.Snapshot().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(SafeTensorsDType.F64, SafeTensors.Read(path).GetTensor("Hidden.weight").DType);
    }

    [Fact]
    public void Save_writes_each_parameter_tensor_by_name_with_its_shape_and_slice()
    {
        string path = _directory.File("mlp.safetensors");
        TestModel<float> model = Mlp<float>().Fill(i => i);

        Checkpoint.Save(model, path);
        SafeTensorsFile file = SafeTensors.Read(path);

        Assert.Equal(["Hidden.weight", "Hidden.bias", "Output.weight", "Output.bias"], file.Tensors.Select(tensor => tensor.Name));
        Assert.Equal([8, 12], file.GetTensor("Hidden.weight").Shape);
        Assert.Equal([3], file.GetTensor("Output.bias").Shape);
        Assert.Equal(Enumerable.Range(96, 8).Select(i => (float)i), file.Read<float>("Hidden.bias"));
        Assert.Equal(Enumerable.Range(128, 3).Select(i => (float)i), file.Read<float>("Output.bias"));
        Assert.All(file.Tensors, tensor => Assert.Equal(SafeTensorsDType.F32, tensor.DType));
    }

    [Fact]
    public void Save_and_Load_keep_the_non_trainable_state_beside_the_parameters()
    {
        // Running statistics live in the model's state buffer, which optimizers never touch but a
        // checkpoint must keep: PyTorch's state_dict holds them beside the weights.
        string path = _directory.File("norm.safetensors");
        TestModel<float> saved = Mlp<float>().Fill(i => i).WithState(("Norm.running_mean", [3]), ("Norm.running_var", [3]));
        for (int i = 0; i < saved.State.Length; i++)
            saved.State[i] = 100 + i;
        TestModel<float> loaded = Mlp<float>().WithState(("Norm.running_mean", [3]), ("Norm.running_var", [3]));

        Checkpoint.Save(saved, path);
        Checkpoint.Load(loaded, path);

        Assert.Equal(["Hidden.weight", "Hidden.bias", "Output.weight", "Output.bias", "Norm.running_mean", "Norm.running_var"],
            SafeTensors.Read(path).Tensors.Select(tensor => tensor.Name));
        Assert.Equal(saved.Snapshot(), loaded.Snapshot());
        Assert.Equal([100f, 101, 102, 103, 104, 105], loaded.State.ToArray());
    }

    [Fact]
    public void Load_into_a_model_with_state_names_the_missing_statistics_and_changes_nothing()
    {
        string path = _directory.File("plain.safetensors");
        Checkpoint.Save(Mlp<float>().Fill(i => i), path);
        TestModel<float> model = Mlp<float>().WithState(("Norm.running_mean", [3]));

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, path));

        Assert.Contains("missing: Norm.running_mean", error.Message);
        Assert.All(model.Snapshot(), value => Assert.Equal(0, value));
    }

    [Fact]
    public void Save_records_the_format_the_model_name_and_extra_metadata()
    {
        string path = _directory.File("mlp.safetensors");

        Checkpoint.Save(Mlp<float>(), path, new Dictionary<string, string> { ["epoch"] = "7", ["accuracy"] = "0.88" });

        IReadOnlyDictionary<string, string> metadata = SafeTensors.Read(path).Metadata;
        Assert.Equal("precast", metadata["format"]);
        Assert.Equal("FashionMlp", metadata["model"]);
        Assert.Equal("7", metadata["epoch"]);
        Assert.Equal("0.88", metadata["accuracy"]);
    }

    [Theory]
    [InlineData("format")]
    [InlineData("model")]
    public void Save_refuses_the_reserved_metadata_keys(string key)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Checkpoint.Save(Mlp<float>(), _directory.File("m.safetensors"), new Dictionary<string, string> { [key] = "x" }));

        Assert.Equal("metadata", error.ParamName);
        Assert.Contains($"the metadata key '{key}' is reserved", error.Message);
    }

    [Fact]
    public void A_save_that_fails_part_way_leaves_the_previous_checkpoint_intact()
    {
        string path = _directory.File("mlp.safetensors");
        TestModel<float> model = Mlp<float>().Fill(i => i);
        Checkpoint.Save(model, path);
        byte[] previous = File.ReadAllBytes(path);

        model.Fill(i => -i);
        bool failedWhileTemporaryFileExisted = false;
        model.ParametersRead = () =>
        {
            // Fail as a full disk would: only once the new checkpoint is being written.
            if (_directory.FileNames().Length > 1)
            {
                failedWhileTemporaryFileExisted = true;
                throw new IOException("Simulated: no space left on device.");
            }
        };
        var error = Assert.Throws<IOException>(() => Checkpoint.Save(model, path));

        Assert.Equal("Simulated: no space left on device.", error.Message);
        Assert.True(failedWhileTemporaryFileExisted);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(["mlp.safetensors"], _directory.FileNames());
        model.ParametersRead = null;
        TestModel<float> check = Mlp<float>();
        Checkpoint.Load(check, path);
        Assert.Equal(Enumerable.Range(0, check.Snapshot().Length).Select(i => (float)i), check.Snapshot());
    }

    [Fact]
    public void Save_replaces_an_existing_checkpoint()
    {
        string path = _directory.File("mlp.safetensors");
        Checkpoint.Save(Mlp<float>().Fill(_ => 1f), path);

        Checkpoint.Save(Mlp<float>().Fill(_ => 2f), path);

        TestModel<float> loaded = Mlp<float>();
        Checkpoint.Load(loaded, path);
        Assert.All(loaded.Snapshot(), value => Assert.Equal(2f, value));
        Assert.Equal(["mlp.safetensors"], _directory.FileNames());
    }

    [Fact]
    public void Load_lists_every_missing_unexpected_and_reshaped_tensor_and_changes_nothing()
    {
        string path = _directory.File("other.safetensors");
        Checkpoint.Save(new TestModel<float>("OtherMlp", ("Hidden.weight", [64, 784]), ("Hidden.bias", [128]), ("fc2.bias", [10])), path);
        TestModel<float> model = new TestModel<float>("FashionMlp", ("Hidden.weight", [128, 784]), ("Hidden.bias", [128]), ("Output.bias", [10]))
            .Fill(i => i);
        float[] before = model.Snapshot();

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, path));

        Assert.Contains($"Checkpoint '{path}' does not match FashionMlp; nothing was loaded.", error.Message);
        Assert.Contains(
            "missing: Output.bias; unexpected: fc2.bias; Hidden.weight has shape [64, 784] in the checkpoint but [128, 784] in FashionMlp",
            error.Message);
        Assert.Equal(before, model.Snapshot());
    }

    [Fact]
    public void Load_lists_several_names_of_each_kind()
    {
        string path = _directory.File("other.safetensors");
        Checkpoint.Save(new TestModel<float>("Old", ("a", [1]), ("x", [1]), ("y", [1])), path);

        var error = Assert.Throws<InvalidDataException>(() =>
            Checkpoint.Load(new TestModel<float>("New", ("a", [1]), ("b", [1]), ("c", [1])), path));

        Assert.Contains("missing: b, c; unexpected: x, y.", error.Message);
    }

    [Fact]
    public void Load_of_a_tensor_with_a_boolean_dtype_names_it_and_changes_nothing()
    {
        string json = """{"w":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}""";
        string path = _directory.File("ints.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.File(json, new byte[2]));
        TestModel<float> model = new TestModel<float>("Tiny", ("w", [2])).Fill(_ => 5f);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, path));

        Assert.Contains("w holds BOOL values in the checkpoint, which are not numbers; expected F16, BF16, F32, F64 and the integer types", error.Message);
        Assert.Equal([5f, 5f], model.Snapshot());
    }

    [Fact]
    public void Load_of_a_corrupt_file_changes_nothing()
    {
        string path = _directory.File("corrupt.safetensors");
        Checkpoint.Save(Mlp<float>().Fill(i => i), path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 4)]);
        TestModel<float> model = Mlp<float>().Fill(_ => 9f);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(model, path));

        Assert.Contains("tensor 'Output.bias'", error.Message);
        Assert.Contains("past the end of the data section", error.Message);
        Assert.All(model.Snapshot(), value => Assert.Equal(9f, value));
    }

    [Fact]
    public void Load_converts_a_double_checkpoint_into_a_float_model_and_back()
    {
        string doubles = _directory.File("double.safetensors");
        string floats = _directory.File("float.safetensors");
        TestModel<double> doubleModel = Mlp<double>().Fill(i => 1.0 / (i + 3));
        Checkpoint.Save(doubleModel, doubles);

        TestModel<float> floatModel = Mlp<float>();
        Checkpoint.Load(floatModel, doubles);
        Checkpoint.Save(floatModel, floats);
        TestModel<double> widened = Mlp<double>();
        Checkpoint.Load(widened, floats);

        Assert.Equal(doubleModel.Snapshot().Select(value => (float)value), floatModel.Snapshot());
        Assert.Equal(floatModel.Snapshot().Select(value => (double)value), widened.Snapshot());
    }

    [Fact]
    public void Load_of_a_missing_file_names_it()
    {
        string path = _directory.File("missing.safetensors");

        var error = Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(Mlp<float>(), path));

        Assert.Equal(path, error.FileName);
    }

    [Fact]
    public void Save_into_a_missing_directory_names_it()
    {
        string directory = Path.Combine(_directory.Path, "checkpoints");

        var error = Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Save(Mlp<float>(), Path.Combine(directory, "m.safetensors")));

        Assert.Contains($"the directory '{directory}' does not exist", error.Message);
    }

    [Fact]
    public void Save_refuses_a_model_whose_tensor_lies_outside_its_parameters()
    {
        var model = new TestModel<float>("Broken", 10, new ParameterTensor("w", [3, 4], 0));

        var error = Assert.Throws<ArgumentException>(() => Checkpoint.Save(model, _directory.File("b.safetensors")));

        Assert.Contains("Broken: parameter tensor 'w' (shape [3, 4]) at offset 0 does not fit in the model's 10 parameter values", error.Message);
        Assert.Empty(_directory.FileNames());
    }
}
