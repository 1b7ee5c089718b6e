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
        allMetadata[FormatKey] = FormatName;
        allMetadata[ModelKey] = model.ModelName;

        List<SafeTensorInfo> layout = SafeTensorsHeader.Layout(
            tensors.Select(tensor => (tensor.Name, tensor.Shape)), SafeTensorsDTypes.For<T>(), nameof(model));
        // The values are streamed from the model's buffer, not copied first: a checkpoint can be as
        // large as the model.
        int parameterTensors = model.ParameterTensors.Count;
        SafeTensors.WriteStreamed<T>(path, layout, allMetadata, index =>
            (index < parameterTensors ? model.Parameters : model.State).Slice(tensors[index].Offset, tensors[index].Length));
    }

    /// <summary>The parameter tensors then the state tensors, after checking that each lies inside its buffer.</summary>
    private static List<ParameterTensor> AllTensors<T>(IModel<T> model)
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
    /// touched, so a failed load leaves the parameters as they were.
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
    {
        ArgumentNullException.ThrowIfNull(model);
        List<ParameterTensor> tensors = AllTensors(model);
        SafeTensorsFile file = SafeTensors.Read(path);
        CheckMatches(model, tensors, file);

        var parameters = new T[model.Parameters.Length];
        foreach (ParameterTensor tensor in model.ParameterTensors)
            file.ReadInto<T>(tensor.Name, parameters.AsSpan(tensor.Offset, tensor.Length));
        var state = new T[model.State.Length];
        foreach (ParameterTensor tensor in model.StateTensors)
            file.ReadInto<T>(tensor.Name, state.AsSpan(tensor.Offset, tensor.Length));
        parameters.CopyTo(model.Parameters);
        state.CopyTo(model.State);
    }

    private static void CheckMatches<T>(IModel<T> model, IReadOnlyList<ParameterTensor> tensors, SafeTensorsFile file)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var missing = new List<string>();
        var different = new List<string>();
        foreach (ParameterTensor tensor in tensors)
        {
            if (!file.TryGetTensor(tensor.Name, out SafeTensorInfo? stored))
                missing.Add(tensor.Name);
            else if (!stored.Shape.AsSpan().SequenceEqual(tensor.Shape))
                different.Add($"{tensor.Name} has shape {stored.ShapeText} in the checkpoint but {tensor.ShapeText} in {model.ModelName}");
            else if (!SafeTensorsDTypes.IsReadable(stored.DType))
                different.Add($"{tensor.Name} holds {SafeTensorsDTypes.HeaderName(stored.DType)} values in the checkpoint, " +
                    $"which are not numbers; expected {SafeTensorsDTypes.ReadableNames}");
        }
        var expected = tensors.Select(tensor => tensor.Name).ToHashSet(StringComparer.Ordinal);
        List<string> unexpected = [.. file.Tensors.Select(tensor => tensor.Name).Where(name => !expected.Contains(name))];
        if (missing.Count == 0 && unexpected.Count == 0 && different.Count == 0)
            return;

        var problems = new List<string>();
        if (missing.Count > 0)
            problems.Add("missing: " + string.Join(", ", missing));
        if (unexpected.Count > 0)
            problems.Add("unexpected: " + string.Join(", ", unexpected));
        problems.AddRange(different);
        throw new InvalidDataException(
            $"Checkpoint '{file.Path}' does not match {model.ModelName}; nothing was loaded. {string.Join("; ", problems)}.");
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
