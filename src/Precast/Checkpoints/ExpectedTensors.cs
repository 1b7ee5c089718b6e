namespace Precast.Checkpoints;

/// <summary>
/// The tensors a load expects in a file, by the name they have there, and the check that the file
/// holds exactly those with those shapes, all of floating point types. Shared by
/// <see cref="Checkpoint"/> and <see cref="TrainingCheckpoint"/>, so both report a mismatch the
/// same way: every missing, unexpected and differing tensor in one message, before anything is
/// loaded.
/// </summary>
internal sealed class ExpectedTensors
{
    private readonly List<Entry> _entries = [];
    private readonly HashSet<string> _fileNames = new(StringComparer.Ordinal);

    /// <summary>One expected tensor: its name in the file, the name it has in the program (when different) and its shape.</summary>
    private sealed record Entry(string FileName, string OwnName, int[] Shape)
    {
        /// <summary>The file's name, with the program's in parentheses when a name map changed it.</summary>
        public string Label => FileName == OwnName ? FileName : $"{FileName} (for {OwnName})";
    }

    /// <summary>Expects <paramref name="fileName"/>, which the program calls <paramref name="ownName"/>, with <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">Two tensors would be read from the same name in the file (a name map sends two names to one).</exception>
    public void Add(string fileName, string ownName, int[] shape)
    {
        if (string.IsNullOrEmpty(fileName))
            throw new ArgumentException($"The name map gives an empty file name for the tensor '{ownName}'.", nameof(fileName));
        if (!_fileNames.Add(fileName))
            throw new ArgumentException(
                $"Two tensors would be read from '{fileName}' (the second is '{ownName}'); the name map must give each tensor its own name.",
                nameof(fileName));
        _entries.Add(new Entry(fileName, ownName, shape));
    }

    /// <summary>
    /// Throws unless <paramref name="file"/> holds exactly the expected tensors (ignoring those
    /// <paramref name="ignored"/> accepts), each with its shape and a floating point dtype.
    /// </summary>
    /// <param name="file">The file read.</param>
    /// <param name="target">What the load fills, for messages: the model's name.</param>
    /// <param name="ignored">Tensors of the file that are not the load's business; none when null.</param>
    /// <exception cref="InvalidDataException">The message names every missing tensor, every unexpected one, and every shape or dtype that differs.</exception>
    public void Check(SafeTensorsFile file, string target, Func<string, bool>? ignored = null)
    {
        var missing = new List<string>();
        var different = new List<string>();
        foreach (Entry entry in _entries)
        {
            if (!file.TryGetTensor(entry.FileName, out SafeTensorInfo? stored))
                missing.Add(entry.Label);
            else if (!stored.Shape.AsSpan().SequenceEqual(entry.Shape))
                different.Add($"{entry.Label} has shape {stored.ShapeText} in the checkpoint but {ShapeText.Format(entry.Shape)} in {target}");
            else if (!SafeTensorsDTypes.IsReadable(stored.DType))
                different.Add($"{entry.Label} holds {SafeTensorsDTypes.HeaderName(stored.DType)} values in the checkpoint, " +
                    $"which are not numbers; expected {SafeTensorsDTypes.ReadableNames}");
        }
        List<string> unexpected = [.. file.Tensors
            .Select(tensor => tensor.Name)
            .Where(name => !_fileNames.Contains(name) && !(ignored?.Invoke(name) ?? false))];
        if (missing.Count == 0 && unexpected.Count == 0 && different.Count == 0)
            return;

        var problems = new List<string>();
        if (missing.Count > 0)
            problems.Add("missing: " + string.Join(", ", missing));
        if (unexpected.Count > 0)
            problems.Add("unexpected: " + string.Join(", ", unexpected));
        problems.AddRange(different);
        throw new InvalidDataException(
            $"Checkpoint '{file.Path}' does not match {target}; nothing was loaded. {string.Join("; ", problems)}.");
    }
}
