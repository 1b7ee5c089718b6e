using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using Precast.Data;

namespace Precast.Checkpoints;

/// <summary>
/// The header of a safetensors file: an 8-byte little-endian length N, then N bytes of UTF-8 JSON
/// mapping each tensor name to its dtype, shape and data offsets (relative to the data section
/// that follows), plus an optional <c>__metadata__</c> object of strings. Built with
/// <see cref="Utf8JsonWriter"/> and parsed with <see cref="JsonDocument"/>: no reflection, so it
/// is safe under trimming and NativeAOT.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The reserved key of the metadata object.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header other safetensors readers accept; anything larger is not a safetensors file.</summary>
    private const ulong MaxLength = 100_000_000;

    private SafeTensorsHeader(List<SafeTensorInfo> tensors, Dictionary<string, string> metadata, long dataStart)
    {
        Tensors = tensors;
        Metadata = metadata;
        DataStart = dataStart;
    }

    /// <summary>The tensors, in header order.</summary>
    public List<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries; empty when there are none.</summary>
    public Dictionary<string, string> Metadata { get; }

    /// <summary>Where the data section starts in the file: 8 + N.</summary>
    public long DataStart { get; }

    /// <summary>
    /// Lays tensors out one after another in the data section, in the given order, and checks
    /// their names and shapes.
    /// </summary>
    public static List<SafeTensorInfo> Layout(IEnumerable<(string Name, int[] Shape)> tensors, SafeTensorsDType dtype, string paramName)
    {
        var layout = new List<SafeTensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long offset = 0;
        foreach ((string name, int[] shape) in tensors)
        {
            if (string.IsNullOrEmpty(name) || name == MetadataKey)
                throw new ArgumentException($"A tensor name must not be empty or '{MetadataKey}'; found '{name}'.", paramName);
            if (!names.Add(name))
                throw new ArgumentException($"The tensor name '{name}' appears twice; each name must be unique.", paramName);
            ArgumentNullException.ThrowIfNull(shape, paramName);
            long count = 1;
            foreach (int dimension in shape)
            {
                if (dimension < 0)
                    throw new ArgumentException($"Tensor '{name}' has shape {ShapeText.Format(shape)}; dimensions must not be negative.", paramName);
                count = checked(count * dimension);
            }
            long end = checked(offset + count * SafeTensorsDTypes.Size(dtype));
            layout.Add(new SafeTensorInfo(name, dtype, (int[])shape.Clone(), count, offset, end));
            offset = end;
        }
        return layout;
    }

    /// <summary>The 8-byte length followed by the JSON, padded with spaces to a multiple of 8 bytes.</summary>
    public static byte[] Build(IReadOnlyList<SafeTensorInfo> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        // The relaxed encoder keeps names such as "block.0+skip" readable instead of \u002B; the
        // header is never embedded in HTML, where that encoder would matter.
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                // Sorted keys make identical content produce identical files.
                foreach (KeyValuePair<string, string> entry in metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
                    writer.WriteString(entry.Key, entry.Value);
                writer.WriteEndObject();
            }
            foreach (SafeTensorInfo tensor in tensors)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", SafeTensorsDTypes.HeaderName(tensor.DType));
                writer.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape)
                    writer.WriteNumberValue(dimension);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(tensor.Begin);
                writer.WriteNumberValue(tensor.End);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }

        // Padding to 8 bytes keeps the data section aligned for readers that map the file.
        int padded = (json.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)padded);
        json.WrittenSpan.CopyTo(header.AsSpan(8));
        header.AsSpan(8 + json.WrittenCount).Fill((byte)' ');
        return header;
    }

    /// <summary>Parses and checks the header of a whole file held in <paramref name="file"/>.</summary>
    /// <exception cref="InvalidDataException">The header is malformed; the message names the file and the tensor.</exception>
    public static SafeTensorsHeader Parse(string path, byte[] file)
    {
        if (file.Length < 8)
            throw Fail(path, $"is too short: a safetensors file starts with an 8-byte header length, but the file has {file.Length} bytes.");
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file);
        long available = file.Length - 8;
        if (length == 0)
            throw Fail(path, "declares a header of 0 bytes; expected a JSON object.");
        if (length > MaxLength)
            throw Fail(path, $"declares a header of {length} bytes, more than the {InvariantText.Count((long)MaxLength)} safetensors allows; " +
                "this is not a safetensors file.");
        if ((long)length > available)
            throw Fail(path, $"declares a header of {InvariantText.Count((long)length)} bytes, but only {InvariantText.Count(available)} bytes " +
                "follow the 8-byte length; the file is truncated or not a safetensors file.");
        long dataStart = 8 + (long)length;
        long dataLength = file.Length - dataStart;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.AsMemory(8, (int)length));
        }
        catch (JsonException invalid)
        {
            throw Fail(path, $"has a header that is not valid JSON: {invalid.Message}", invalid);
        }

        var tensors = new List<SafeTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Fail(path, $"has a header whose JSON is {Describe(root.ValueKind)}; expected an object mapping tensor names to their entries.");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw Fail(path, $"names '{property.Name}' twice in its header; each name must appear once.");
                if (property.Name == MetadataKey)
                    ReadMetadata(path, property.Value, metadata);
                else
                    tensors.Add(ReadTensor(path, property.Name, property.Value, dataLength));
            }
        }
        CheckNoOverlap(path, tensors);
        return new SafeTensorsHeader(tensors, metadata, dataStart);
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(path, $"has a '{MetadataKey}' that is {Describe(value.ValueKind)}; expected an object of strings.");
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Fail(path, $"has a '{MetadataKey}' entry '{entry.Name}' that is {Describe(entry.Value.ValueKind)}; expected a string.");
            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static SafeTensorInfo ReadTensor(string path, string name, JsonElement entry, long dataLength)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw TensorFail(path, name, $"is {Describe(entry.ValueKind)} in the header; expected an object with \"dtype\", \"shape\" and \"data_offsets\".");

        if (!entry.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw TensorFail(path, name, "has no \"dtype\" string in the header.");
        string dtypeName = dtypeElement.GetString()!;
        SafeTensorsDType dtype = SafeTensorsDTypes.Parse(dtypeName)
            ?? throw TensorFail(path, name, $"has the unknown dtype '{dtypeName}'; expected one of {SafeTensorsDTypes.KnownNames}.");

        long[] dimensions = ReadIntegers(path, name, entry, "shape");
        if (dimensions.Any(dimension => dimension > int.MaxValue))
            throw TensorFail(path, name, $"has shape [{string.Join(", ", dimensions)}]; Precast handles dimensions up to {int.MaxValue}.");
        int[] shape = [.. dimensions.Select(dimension => (int)dimension)];
        long[] offsets = ReadIntegers(path, name, entry, "data_offsets");
        if (offsets.Length != 2)
            throw TensorFail(path, name, $"has \"data_offsets\" with {offsets.Length} numbers; expected two: [begin, end].");
        (long begin, long end) = (offsets[0], offsets[1]);
        string offsetsText = $"[{begin}, {end}]";
        if (begin > end)
            throw TensorFail(path, name, $"has data_offsets {offsetsText}, which end before they begin.");

        long count = 1;
        long bytes;
        try
        {
            foreach (int dimension in shape)
                count = checked(count * dimension);
            bytes = checked(count * SafeTensorsDTypes.Size(dtype));
        }
        catch (OverflowException)
        {
            throw TensorFail(path, name, $"has shape {ShapeText.Format(shape)}, which describes more values than a 64-bit count can hold.");
        }
        if (end - begin != bytes)
            throw TensorFail(path, name,
                $"has shape {ShapeText.Format(shape)} of {dtypeName}, which needs {InvariantText.Count(count)} × {SafeTensorsDTypes.Size(dtype)} = " +
                $"{InvariantText.Count(bytes)} bytes, but its data_offsets {offsetsText} span {InvariantText.Count(end - begin)}.");
        if (end > dataLength)
            throw TensorFail(path, name,
                $"has data_offsets {offsetsText}, past the end of the data section, which holds {InvariantText.Count(dataLength)} bytes.");
        return new SafeTensorInfo(name, dtype, shape, count, begin, end);
    }

    /// <summary>Reads the array <paramref name="key"/> of <paramref name="entry"/>, which must hold non-negative integers.</summary>
    private static long[] ReadIntegers(string path, string name, JsonElement entry, string key)
    {
        if (!entry.TryGetProperty(key, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            throw TensorFail(path, name, $"has no \"{key}\" array in the header.");
        var values = new List<long>();
        foreach (JsonElement element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long value) || value < 0)
                throw TensorFail(path, name, $"has \"{key}\": {array.GetRawText()}; expected non-negative integers.");
            values.Add(value);
        }
        return [.. values];
    }

    private static void CheckNoOverlap(string path, List<SafeTensorInfo> tensors)
    {
        // Empty tensors own no bytes, so they cannot overlap anything.
        SafeTensorInfo[] byBegin = [.. tensors.Where(tensor => tensor.End > tensor.Begin).OrderBy(tensor => tensor.Begin)];
        for (int i = 1; i < byBegin.Length; i++)
        {
            SafeTensorInfo previous = byBegin[i - 1], current = byBegin[i];
            if (current.Begin < previous.End)
                throw Fail(path,
                    $"has overlapping tensors: '{previous.Name}' has data_offsets [{previous.Begin}, {previous.End}] and " +
                    $"'{current.Name}' has [{current.Begin}, {current.End}].");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static InvalidDataException Fail(string path, string problem, Exception? inner = null) =>
        new($"Safetensors file '{path}' {problem}", inner);

    private static InvalidDataException TensorFail(string path, string tensor, string problem) =>
        new($"Safetensors file '{path}': tensor '{tensor}' {problem}");
}
