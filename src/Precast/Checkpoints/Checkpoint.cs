using System.Numerics;

namespace Precast.Checkpoints;

/// <summary>
/// Saves and loads a model's parameters and non-trainable state (running statistics) as a
/// safetensors file, one tensor per entry of <see cref="IModel{T}.ParameterTensors"/> and
/// <see cref="IModel{T}.StateTensors"/>, named as PyTorch's state_dict names them
/// (<c>Hidden.weight</c>, <c>Stage.0.Norm.running_mean</c>), so checkpoints can be inspected and
/// exchanged with Python tools.
/// </summary>
public static class Checkpoint
{
    /// <summary>The <c>format</c> metadata value Precast writes.</summary>
    public const string FormatName = "precast";

    private const string FormatKey = "format";
    private const string ModelKey = "model";

    /// <summary>
    /// Writes every parameter tensor of <paramref name="model"/> (F32 for a float model, F64 for a
    /// double model) with the metadata <c>format</c> = <c>precast</c> and <c>model</c> = the model's
    /// name. The file is written under a temporary name in the same directory, flushed to disk and
    /// then renamed over <paramref name="path"/>, so a crash part-way never destroys the previous
    /// checkpoint.
    /// </summary>
    /// <typeparam name="T">The model's element type.</typeparam>
    /// <param name="model">The model whose parameters to save.</param>
    /// <param name="path">The checkpoint file to create or replace.</param>
    /// <param name="metadata">More <c>__metadata__</c> strings to store (for example the epoch); the keys
    /// <c>format</c> and <c>model</c> are reserved.</param>
    public static void Save<T>(IModel<T> model, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        List<ParameterTensor> tensors = AllTensors(model);

        var allMetadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach ((string key, string value) in metadata)
            {
                if (key is FormatKey or ModelKey)
                    throw new ArgumentException(
                        $"Checkpoint.Save: the metadata key '{key}' is reserved; Precast writes '{FormatKey}' and '{ModelKey}' itself.", nameof(metadata));
                allMetadata[key] = value;
            }
        }
        AddIdentity(model, allMetadata);

        List<SafeTensorInfo> layout = SafeTensorsHeader.Layout(
            tensors.Select(tensor => (tensor.Name, tensor.Shape)), SafeTensorsDTypes.For<T>(), nameof(model));
        // The values are streamed from the model's buffer, not copied first: a checkpoint can be as
        // large as the model.
        SafeTensors.WriteStreamed<T>(path, layout, allMetadata, ModelValues(model, tensors));
    }

    /// <summary>Writes the reserved metadata: <c>format</c> and <c>model</c>.</summary>
    internal static void AddIdentity<T>(IModel<T> model, Dictionary<string, string> metadata)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        metadata[FormatKey] = FormatName;
        metadata[ModelKey] = model.ModelName;
    }

    /// <summary>The values of <paramref name="tensors"/> (the parameter tensors, then the state tensors) by index, read from the model's buffers.</summary>
    internal static TensorValuesSource<T> ModelValues<T>(IModel<T> model, List<ParameterTensor> tensors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parameterTensors = model.ParameterTensors.Count;
        return index => (index < parameterTensors ? model.Parameters : model.State).Slice(tensors[index].Offset, tensors[index].Length);
    }

    /// <summary>The parameter tensors then the state tensors, after checking that each lies inside its buffer.</summary>
    internal static List<ParameterTensor> AllTensors<T>(IModel<T> model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLayout(model, model.ParameterTensors, model.Parameters.Length, "parameter");
        CheckLayout(model, model.StateTensors, model.State.Length, "state");
        return [.. model.ParameterTensors, .. model.StateTensors];
    }

    /// <summary>
    /// Loads the parameters of <paramref name="model"/> from a safetensors file, matching tensors by
    /// name and converting F64, F32, F16 and BF16 values to <typeparamref name="T"/>. The file must
    /// hold exactly the model's tensors with the model's shapes; otherwise nothing is loaded and the
    /// exception lists every difference. Everything is read and converted before the model is
    /// touched, so a failed load leaves the parameters as they were. A <see cref="TrainingCheckpoint"/>
    /// loads too: its optimizer state is left aside.
    /// </summary>
    /// <typeparam name="T">The model's element type.</typeparam>
    /// <param name="model">The model whose parameters to replace.</param>
    /// <param name="path">The checkpoint file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is malformed, or its tensors do not match the model's: the message names every
    /// missing tensor, every unexpected one, and every shape or dtype that differs.
    /// </exception>
    public static void Load<T>(IModel<T> model, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load(model, path, (Func<string, string>?)null);

    /// <summary>
    /// Loads the parameters of <paramref name="model"/> from a safetensors file whose tensors have
    /// other names, such as a PyTorch <c>state_dict</c> saved with <c>safetensors.torch.save_file</c>
    /// (<c>fc1.weight</c> for the model's <c>Hidden.weight</c>). Otherwise as <see cref="Load{T}(IModel{T}, string)"/>:
    /// every tensor of the file must be used, every tensor of the model found, with its shape.
    /// </summary>
    /// <typeparam name="T">The model's element type.</typeparam>
    /// <param name="model">The model whose parameters to replace.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="nameMap">
    /// Gives, for the name of each of the model's tensors, the name it has in the file:
    /// <c>name =&gt; name.Replace("Hidden.", "fc1.")</c>. <see langword="null"/> keeps the names.
    /// </param>
    /// <exception cref="ArgumentException">The map gives two tensors the same name, or an empty one.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is malformed or does not match: the message names every missing tensor (as the file
    /// would call it, with the model's name beside it), every unexpected one, and every shape or
    /// dtype that differs.
    /// </exception>
    public static void Load<T>(IModel<T> model, string path, Func<string, string>? nameMap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        List<ParameterTensor> tensors = AllTensors(model);
        var expected = new ExpectedTensors();
        var fileNames = new string[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            fileNames[i] = nameMap is null ? tensors[i].Name : nameMap(tensors[i].Name);
            expected.Add(fileNames[i], tensors[i].Name, tensors[i].Shape);
        }
        SafeTensorsFile file = SafeTensors.Read(path);
        expected.Check(file, model.ModelName, TrainingCheckpoint.IsTrainingEntry(file));

        var parameters = new T[model.Parameters.Length];
        var state = new T[model.State.Length];
        int parameterTensors = model.ParameterTensors.Count;
        for (int i = 0; i < tensors.Count; i++)
            file.ReadInto<T>(fileNames[i], (i < parameterTensors ? parameters : state).AsSpan(tensors[i].Offset, tensors[i].Length));
        parameters.CopyTo(model.Parameters);
        state.CopyTo(model.State);
    }

    /// <summary>
    /// As <see cref="Load{T}(IModel{T}, string, Func{string, string})"/>, with the names that differ
    /// listed: <c>{ ["Hidden.weight"] = "fc1.weight", ... }</c>, the model's name to the file's. A
    /// tensor the dictionary does not list keeps its name.
    /// </summary>
    /// <typeparam name="T">The model's element type.</typeparam>
    /// <param name="model">The model whose parameters to replace.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="nameMap">The model's tensor names to the file's.</param>
    /// <exception cref="ArgumentException">The dictionary names a tensor the model does not have (the message lists those it has), or gives two tensors the same name.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or does not match; see the other overload.</exception>
    public static void Load<T>(IModel<T> model, string path, IReadOnlyDictionary<string, string> nameMap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(nameMap);
        var own = model.ParameterTensors.Concat(model.StateTensors).Select(tensor => tensor.Name).ToHashSet(StringComparer.Ordinal);
        List<string> unknown = [.. nameMap.Keys.Where(name => !own.Contains(name))];
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Checkpoint.Load: the name map renames {string.Join(", ", unknown)}, which {model.ModelName} does not have; " +
                $"its tensors are {string.Join(", ", own)}.",
                nameof(nameMap));
        Load(model, path, name => nameMap.TryGetValue(name, out string? fileName) ? fileName : name);
    }

    /// <summary>Checks that every tensor of the model lies inside its buffer: a model bug, not a file problem.</summary>
    private static void CheckLayout<T>(IModel<T> model, IReadOnlyList<ParameterTensor> tensors, int bufferLength, string kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (ParameterTensor tensor in tensors)
        {
            if (tensor.Offset < 0 || (long)tensor.Offset + tensor.Length > bufferLength)
                throw new ArgumentException(
                    $"{model.ModelName}: {kind} tensor '{tensor.Name}' (shape {tensor.ShapeText}) at offset {tensor.Offset} " +
                    $"does not fit in the model's {bufferLength} {kind} values.",
                    nameof(model));
        }
    }
}
