using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Precast.Checkpoints;

/// <summary>
/// A safetensors file read into memory by <see cref="SafeTensors.Read"/>, its header already
/// checked: look tensors up by name and read their values as <see cref="float"/> or
/// <see cref="double"/>, converted from F16, BF16, F32 or F64 as needed.
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafeTensorInfo> _byName;

    internal SafeTensorsFile(string path, byte[] bytes, SafeTensorsHeader header)
    {
        Path = path;
        _bytes = bytes;
        _dataStart = header.DataStart;
        Tensors = header.Tensors;
        Metadata = header.Metadata;
        _byName = header.Tensors.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
    }

    /// <summary>The path the file was read from.</summary>
    public string Path { get; }

    /// <summary>Every tensor, in the order of the header.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetTensor(string name, [NotNullWhen(true)] out SafeTensorInfo? tensor) => _byName.TryGetValue(name, out tensor);

    /// <summary>Looks a tensor up by name.</summary>
    /// <exception cref="KeyNotFoundException">There is no such tensor; the message lists the names there are.</exception>
    public SafeTensorInfo GetTensor(string name) => TryGetTensor(name, out SafeTensorInfo? tensor)
        ? tensor
        : throw new KeyNotFoundException(
            $"Safetensors file '{Path}' has no tensor '{name}'; it has {(Tensors.Count == 0 ? "none" : string.Join(", ", Tensors.Select(t => t.Name)))}.");

    /// <summary>Reads a tensor's values into a new array, converted to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The element type to convert to.</typeparam>
    /// <param name="name">The tensor's name.</param>
    public T[] Read<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SafeTensorInfo tensor = GetTensor(name);
        if (tensor.ElementCount > Array.MaxLength)
            throw new NotSupportedException(
                $"Safetensors file '{Path}': tensor '{name}' has {tensor.ElementCount} values, more than one array can hold.");
        var values = new T[tensor.ElementCount];
        ReadInto(name, values);
        return values;
    }

    /// <summary>
    /// Reads a tensor's values into <paramref name="destination"/>, converted to
    /// <typeparamref name="T"/>: exact when the stored type is <typeparamref name="T"/> or narrower,
    /// rounded to nearest otherwise (F64 into float).
    /// </summary>
    /// <typeparam name="T">The element type to convert to.</typeparam>
    /// <param name="name">The tensor's name.</param>
    /// <param name="destination">Exactly <see cref="SafeTensorInfo.ElementCount"/> values long.</param>
    /// <exception cref="KeyNotFoundException">There is no such tensor.</exception>
    /// <exception cref="NotSupportedException">The tensor's dtype holds no numbers Precast reads (BOOL, 8-bit floats).</exception>
    public void ReadInto<T>(string name, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SafeTensorInfo tensor = GetTensor(name);
        if (!SafeTensorsDTypes.IsReadable(tensor.DType))
            throw new NotSupportedException(
                $"Safetensors file '{Path}': tensor '{name}' holds {SafeTensorsDTypes.HeaderName(tensor.DType)} values; " +
                $"Precast reads {SafeTensorsDTypes.ReadableNames}.");
        if (destination.Length != tensor.ElementCount)
            throw new ArgumentException(
                $"Safetensors file '{Path}': tensor '{name}' (shape {tensor.ShapeText}) has {tensor.ElementCount} values, " +
                $"but 'destination' has room for {destination.Length}.",
                nameof(destination));
        ReadOnlySpan<byte> bytes = _bytes.AsSpan((int)(_dataStart + tensor.Begin), (int)(tensor.End - tensor.Begin));
        SafeTensorsValues.Read(bytes, tensor.DType, destination);
    }
}
