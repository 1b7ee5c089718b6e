using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Precast.Checkpoints;
using Precast.Runtime.Tests.Data;

namespace Precast.Runtime.Tests.Checkpoints;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Values whose bits a lossy path would change: signed zero, subnormals, extremes, infinities.</summary>
    private static readonly float[] AwkwardFloats =
        [0f, -0f, 1f, -1.5f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, 0.1f, 1e-40f];

    [Fact]
    public void Write_then_Read_round_trips_F32_values_bit_for_bit_with_metadata()
    {
        string path = _directory.File("model.safetensors");
        NamedTensor<float>[] tensors =
        [
            new("fc.weight", [3, 4], AwkwardFloats),
            new("fc.bias", [3], new float[] { 7f, 8f, 9f }),
            new("scale", [], new float[] { 2.5f }),
        ];

        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["epoch"] = "12", ["note"] = "ü+<>" });
        SafeTensorsFile file = SafeTensors.Read(path);

        Assert.Equal(["fc.weight", "fc.bias", "scale"], file.Tensors.Select(tensor => tensor.Name));
        Assert.Equal("12", file.Metadata["epoch"]);
        Assert.Equal("ü+<>", file.Metadata["note"]);
        SafeTensorInfo weight = file.GetTensor("fc.weight");
        Assert.Equal(SafeTensorsDType.F32, weight.DType);
        Assert.Equal([3, 4], weight.Shape);
        Assert.Equal(12, weight.ElementCount);
        Assert.Equal("[3, 4]", weight.ShapeText);
        Assert.Equal(AwkwardFloats.Select(BitConverter.SingleToInt32Bits), file.Read<float>("fc.weight").Select(BitConverter.SingleToInt32Bits));
        Assert.Equal([7f, 8f, 9f], file.Read<float>("fc.bias"));
        Assert.Empty(file.GetTensor("scale").Shape);
        Assert.Equal([2.5f], file.Read<float>("scale"));
    }

    [Fact]
    public void Write_then_Read_round_trips_F64_values_bit_for_bit()
    {
        string path = _directory.File("double.safetensors");
        double[] values = [Math.PI, -0.0, double.Epsilon, double.MaxValue, 1e-310, double.NegativeInfinity];

        SafeTensors.Write(path, [new NamedTensor<double>("w", [2, 3], values)]);
        SafeTensorsFile file = SafeTensors.Read(path);

        Assert.Equal(SafeTensorsDType.F64, file.GetTensor("w").DType);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), file.Read<double>("w").Select(BitConverter.DoubleToInt64Bits));
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Write_lays_out_the_header_as_the_format_specifies()
    {
        string path = _directory.File("layout.safetensors");

        SafeTensors.Write(path,
            [new NamedTensor<float>("a", [2], new float[] { 1f, 2f }), new NamedTensor<float>("b", [1, 3], new float[] { 3f, 4f, 5f })],
            new Dictionary<string, string> { ["k"] = "v" });

        byte[] bytes = File.ReadAllBytes(path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, headerLength % 8);
        Assert.Equal(8 + (long)headerLength + 20, bytes.Length);
        string json = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.EndsWith("}", json.TrimEnd(' '));
        Assert.InRange(json.Length - json.TrimEnd(' ').Length, 0, 7);
        using JsonDocument header = JsonDocument.Parse(json);
        JsonElement a = header.RootElement.GetProperty("a");
        Assert.Equal("F32", a.GetProperty("dtype").GetString());
        Assert.Equal([2], a.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0, 8], a.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([8, 20], header.RootElement.GetProperty("b").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("v", header.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());
        Assert.Equal(SafeTensorsBytes.Floats(1f, 2f, 3f, 4f, 5f), bytes[(8 + (int)headerLength)..]);
    }

    [Fact]
    public void Read_accepts_a_file_laid_out_as_other_writers_do_it()
    {
        // As Python's safetensors writes it: metadata first, tensors sorted by name, no padding
        // needed here, data not in header order.
        string json = """{"__metadata__":{"format":"pt"},"a.bias":{"dtype":"F32","shape":[2],"data_offsets":[16,24]},"a.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}""";
        string path = _directory.Write("pytorch.safetensors", SafeTensorsBytes.File(json, SafeTensorsBytes.Floats(1, 2, 3, 4, 5, 6)));

        SafeTensorsFile file = SafeTensors.Read(path);

        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal([1f, 2f, 3f, 4f], file.Read<float>("a.weight"));
        Assert.Equal([5f, 6f], file.Read<float>("a.bias"));
    }

    [Fact]
    public void Read_converts_F16_and_BF16_to_float_and_double()
    {
        // F16: 1.0 = 0x3C00, -2.0 = 0xC000, 65504 = 0x7BFF. BF16: 1.0 = 0x3F80, 3.140625 = 0x4049, -0.5 = 0xBF00.
        byte[] data = [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x80, 0x3F, 0x49, 0x40, 0x00, 0xBF];
        string json = """{"h":{"dtype":"F16","shape":[3],"data_offsets":[0,6]},"b":{"dtype":"BF16","shape":[3],"data_offsets":[6,12]}}""";
        string path = _directory.Write("half.safetensors", SafeTensorsBytes.File(json, data));

        SafeTensorsFile file = SafeTensors.Read(path);

        Assert.Equal([1f, -2f, 65504f], file.Read<float>("h"));
        Assert.Equal([1.0, -2.0, 65504.0], file.Read<double>("h"));
        Assert.Equal([1f, 3.140625f, -0.5f], file.Read<float>("b"));
        Assert.Equal([1.0, 3.140625, -0.5], file.Read<double>("b"));
    }

    [Fact]
    public void Read_converts_between_F32_and_F64()
    {
        string path = _directory.File("mixed.safetensors");
        SafeTensors.Write(path, [new NamedTensor<double>("d", [3], new[] { 0.1, 1.0 / 3.0, 1e300 })]);
        string floats = _directory.File("floats.safetensors");
        SafeTensors.Write(floats, [new NamedTensor<float>("f", [2], new[] { 0.1f, 16777217f })]);

        Assert.Equal([0.1f, 1f / 3f, float.PositiveInfinity], SafeTensors.Read(path).Read<float>("d"));
        Assert.Equal([(double)0.1f, 16777216.0], SafeTensors.Read(floats).Read<double>("f"));
    }

    [Fact]
    public void ReadInto_checks_the_destination_length()
    {
        string path = _directory.File("t.safetensors");
        SafeTensors.Write(path, [new NamedTensor<float>("w", [2, 2], new float[4])]);

        var error = Assert.Throws<ArgumentException>(() => SafeTensors.Read(path).ReadInto<float>("w", new float[3]));

        Assert.Equal("destination", error.ParamName);
        Assert.Contains("tensor 'w' (shape [2, 2]) has 4 values, but 'destination' has room for 3", error.Message);
    }

    [Fact]
    public void GetTensor_of_an_unknown_name_lists_the_names_there_are()
    {
        string path = _directory.File("t.safetensors");
        SafeTensors.Write(path, [new NamedTensor<float>("w", [1], new float[1]), new NamedTensor<float>("b", [1], new float[1])]);

        var error = Assert.Throws<KeyNotFoundException>(() => SafeTensors.Read(path).GetTensor("x"));

        Assert.Contains($"'{path}' has no tensor 'x'; it has w, b", error.Message);
    }

    [Fact]
    public void Read_converts_integer_tensors_such_as_pytorchs_int64_batch_count_exactly()
    {
        string json =
            """{"bn.num_batches_tracked":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},"i":{"dtype":"I32","shape":[2],"data_offsets":[12,20]},"u":{"dtype":"U8","shape":[1],"data_offsets":[20,21]}}""";
        byte[] count = BitConverter.GetBytes(938L), ints = [.. BitConverter.GetBytes(-3), .. BitConverter.GetBytes(16_777_216)];
        string path = _directory.Write("bn.safetensors", SafeTensorsBytes.File(json, [.. count, .. SafeTensorsBytes.Floats(4f), .. ints, 200]));

        SafeTensorsFile file = SafeTensors.Read(path);

        Assert.Equal(SafeTensorsDType.I64, file.GetTensor("bn.num_batches_tracked").DType);
        Assert.Equal([938f], file.Read<float>("bn.num_batches_tracked"));
        Assert.Equal([938.0], file.Read<double>("bn.num_batches_tracked"));
        Assert.Equal([4f], file.Read<float>("w"));
        Assert.Equal([-3f, 16_777_216f], file.Read<float>("i"));
        Assert.Equal([200f], file.Read<float>("u"));
    }

    [Fact]
    public void Read_refuses_booleans_and_eight_bit_floats_as_numbers()
    {
        string json = """{"mask":{"dtype":"BOOL","shape":[1],"data_offsets":[0,1]},"q":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[1,2]}}""";
        string path = _directory.Write("odd.safetensors", SafeTensorsBytes.File(json, [1, 0]));

        SafeTensorsFile file = SafeTensors.Read(path);

        var error = Assert.Throws<NotSupportedException>(() => file.Read<float>("mask"));
        Assert.Contains($"'{path}': tensor 'mask' holds BOOL values; Precast reads F16, BF16, F32, F64 and the integer types", error.Message);
        Assert.Throws<NotSupportedException>(() => file.Read<float>("q"));
    }

    [Fact]
    public void Read_of_a_missing_file_names_it()
    {
        string path = _directory.File("none.safetensors");

        var error = Assert.Throws<FileNotFoundException>(() => SafeTensors.Read(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Read_of_a_file_shorter_than_the_length_prefix()
    {
        AssertInvalid([1, 2, 3], "is too short: a safetensors file starts with an 8-byte header length, but the file has 3 bytes");
    }

    [Fact]
    public void Read_of_a_zero_header_length()
    {
        AssertInvalid(new byte[16], "declares a header of 0 bytes; expected a JSON object");
    }

    [Fact]
    public void Read_of_a_header_length_past_the_end_of_the_file()
    {
        byte[] bytes = SafeTensorsBytes.File("{}");
        bytes[0] = 200;

        AssertInvalid(bytes, "declares a header of 200 bytes, but only 2 bytes follow the 8-byte length");
    }

    [Fact]
    public void Read_of_an_absurd_header_length()
    {
        byte[] bytes = SafeTensorsBytes.File("{}");
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);

        AssertInvalid(bytes, $"declares a header of {ulong.MaxValue} bytes, more than the 100,000,000 safetensors allows");
    }

    [Theory]
    [InlineData("{\"w\": {\"dtype\": \"F32\"", "has a header that is not valid JSON")]
    [InlineData("[1, 2]", "has a header whose JSON is an array; expected an object")]
    [InlineData("{\"__metadata__\": [\"x\"]}", "has a '__metadata__' that is an array; expected an object of strings")]
    [InlineData("{\"__metadata__\": {\"epoch\": 3}}", "has a '__metadata__' entry 'epoch' that is a number; expected a string")]
    public void Read_of_a_malformed_header(string json, string expected)
    {
        AssertInvalid(SafeTensorsBytes.File(json), expected);
    }

    [Fact]
    public void Read_of_a_name_given_twice()
    {
        string json = """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""";

        AssertInvalid(SafeTensorsBytes.File(json, new byte[8]), "names 'w' twice in its header");
    }

    [Theory]
    [InlineData("\"fc.weight\": 5", "is a number in the header; expected an object with \"dtype\", \"shape\" and \"data_offsets\"")]
    [InlineData("\"fc.weight\": {\"shape\": [1], \"data_offsets\": [0, 4]}", "has no \"dtype\" string in the header")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F33\", \"shape\": [1], \"data_offsets\": [0, 4]}", "has the unknown dtype 'F33'; expected one of BOOL, U8")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}", "has no \"shape\" array in the header")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"shape\": [1, -2], \"data_offsets\": [0, 4]}", "has \"shape\": [1, -2]; expected non-negative integers")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}", "has \"shape\": [1.5]; expected non-negative integers")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"shape\": [3000000000], \"data_offsets\": [0, 4]}", "has shape [3000000000]; Precast handles dimensions up to 2147483647")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0]}", "has \"data_offsets\" with 1 numbers; expected two: [begin, end]")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}", "has data_offsets [8, 4], which end before they begin")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, 16]}", "has shape [2, 3] of F32, which needs 6 × 4 = 24 bytes, but its data_offsets [0, 16] span 16")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F64\", \"shape\": [2], \"data_offsets\": [8, 24]}", "has data_offsets [8, 24], past the end of the data section, which holds 16 bytes")]
    [InlineData("\"fc.weight\": {\"dtype\": \"F32\", \"shape\": [2147483647, 2147483647, 2147483647], \"data_offsets\": [0, 4]}", "has shape [2147483647, 2147483647, 2147483647], which describes more values than a 64-bit count can hold")]
    public void Read_of_a_bad_tensor_entry_names_the_file_and_the_tensor(string entry, string expected)
    {
        AssertInvalid(SafeTensorsBytes.File("{" + entry + "}", new byte[16]), "tensor 'fc.weight' " + expected);
    }

    [Fact]
    public void Read_of_overlapping_tensors_names_both()
    {
        string json = """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"empty":{"dtype":"F32","shape":[0],"data_offsets":[4,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""";

        AssertInvalid(SafeTensorsBytes.File(json, new byte[16]),
            "has overlapping tensors: 'a' has data_offsets [0, 12] and 'b' has [8, 16]");
    }

    [Fact]
    public void Write_refuses_duplicate_or_reserved_names_and_values_that_do_not_match_the_shape()
    {
        string path = _directory.File("bad.safetensors");

        Assert.Contains("'w' appears twice", Assert.Throws<ArgumentException>(() => SafeTensors.Write(path,
            [new NamedTensor<float>("w", [1], new float[1]), new NamedTensor<float>("w", [1], new float[1])])).Message);
        Assert.Contains("must not be empty or '__metadata__'", Assert.Throws<ArgumentException>(() => SafeTensors.Write(path,
            [new NamedTensor<float>("__metadata__", [1], new float[1])])).Message);
        Assert.Contains("tensor 'w' has shape [2, 2], which holds 4 values, but 3 values were given", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(path, [new NamedTensor<float>("w", [2, 2], new float[3])])).Message);
        Assert.Contains("dimensions must not be negative", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(path, [new NamedTensor<float>("w", [-1], new float[0])])).Message);
        Assert.Empty(_directory.FileNames());
    }

    private void AssertInvalid(byte[] bytes, string expected)
    {
        string path = _directory.Write("bad.safetensors", bytes);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));

        Assert.Contains($"Safetensors file '{path}'", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
