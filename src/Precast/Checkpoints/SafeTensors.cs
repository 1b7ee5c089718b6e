using System.Numerics;

namespace Precast.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face's; PyTorch's
/// <c>safetensors.torch.save_file</c> writes it): an 8-byte little-endian header length N, N bytes
/// of JSON describing each tensor (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets":
/// [begin, end]}, "__metadata__": {..}}</c>), then the tensors' raw little-endian bytes.
/// </summary>
public static class SafeTensors
{
    /// <summary>Reads a safetensors file into memory and checks its header.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The header is malformed: a length that does not fit the file, invalid JSON, an unknown dtype,
    /// a shape that does not match its data offsets, offsets outside the data section, or tensors
    /// that overlap. The message names the file and the tensor.
    /// </exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        if (info.Length > Array.MaxLength)
            throw new NotSupportedException(
                $"Safetensors file '{path}' is {info.Length} bytes; Precast reads files of up to {Array.MaxLength} bytes.");
        byte[] bytes = File.ReadAllBytes(path);
        return new SafeTensorsFile(path, bytes, SafeTensorsHeader.Parse(path, bytes));
    }

    /// <summary>
    /// Writes tensors, in the given order, to a safetensors file. The file is written under a
    /// temporary name, flushed to disk and renamed over <paramref name="path"/>, so an existing
    /// file is replaced whole or not at all.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> (stored as F32), <see cref="double"/> (F64) or <see cref="Half"/> (F16).</typeparam>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">The tensors; names must be unique and each tensor's values must match its shape.</param>
    /// <param name="metadata">Optional <c>__metadata__</c> strings.</param>
    public static void Write<T>(string path, IReadOnlyList<NamedTensor<T>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        List<SafeTensorInfo> layout = SafeTensorsHeader.Layout(
            tensors.Select(tensor => (tensor.Name, tensor.Shape)), SafeTensorsDTypes.For<T>(), nameof(tensors));
        for (int i = 0; i < layout.Count; i++)
        {
            if (tensors[i].Values.Length != layout[i].ElementCount)
                throw new ArgumentException(
                    $"SafeTensors.Write: tensor '{layout[i].Name}' has shape {layout[i].ShapeText}, which holds {layout[i].ElementCount} values, " +
                    $"but {tensors[i].Values.Length} values were given.",
                    nameof(tensors));
        }
        WriteStreamed(path, layout, metadata, index => tensors[index].Values.Span);
    }

    /// <summary>
    /// Writes the header for <paramref name="layout"/>, then each tensor's values as
    /// <paramref name="values"/> supplies them, through a temporary file renamed over
    /// <paramref name="path"/> once everything is on disk.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="layout">The tensors, as <see cref="SafeTensorsHeader.Layout"/> placed them.</param>
    /// <param name="metadata">Optional <c>__metadata__</c> strings.</param>
    /// <param name="values">Supplies each tensor's values.</param>
    /// <param name="wrapStream">
    /// A seam for tests: wraps the temporary file's stream (to fail part-way as a full disk would).
    /// The wrapper's writes must reach the stream it wraps.
    /// </param>
    internal static void WriteStreamed<T>(string path, IReadOnlyList<SafeTensorInfo> layout, IReadOnlyDictionary<string, string>? metadata,
        TensorValuesSource<T> values, Func<Stream, Stream>? wrapStream = null)
        where T : unmanaged
    {
        byte[] header = SafeTensorsHeader.Build(layout, metadata);
        using AtomicFile file = AtomicFile.Create(path);
        Stream stream = wrapStream is null ? file.Stream : wrapStream(file.Stream);
        stream.Write(header);
        for (int i = 0; i < layout.Count; i++)
            SafeTensorsValues.Write(stream, values(i));
        stream.Flush();
        file.Commit();
    }
}
