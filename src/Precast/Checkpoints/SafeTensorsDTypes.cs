namespace Precast.Checkpoints;

/// <summary>Names, sizes and .NET counterparts of <see cref="SafeTensorsDType"/> values.</summary>
internal static class SafeTensorsDTypes
{
    /// <summary>The dtypes whose values Precast reads, for messages.</summary>
    public const string ReadableNames = "F16, BF16, F32, F64 and the integer types (I8 to I64, U8 to U64, such as PyTorch's int64 num_batches_tracked)";

    /// <summary>Every dtype Precast recognises, for messages.</summary>
    public const string KnownNames = "BOOL, U8, I8, F8_E4M3, F8_E5M2, I16, U16, F16, BF16, I32, U32, F32, I64, U64 and F64";

    /// <summary>The name used in a file's header: <c>F32</c>, <c>F8_E4M3</c>.</summary>
    public static string HeaderName(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool => "BOOL",
        SafeTensorsDType.U8 => "U8",
        SafeTensorsDType.I8 => "I8",
        SafeTensorsDType.F8E4M3 => "F8_E4M3",
        SafeTensorsDType.F8E5M2 => "F8_E5M2",
        SafeTensorsDType.I16 => "I16",
        SafeTensorsDType.U16 => "U16",
        SafeTensorsDType.F16 => "F16",
        SafeTensorsDType.BF16 => "BF16",
        SafeTensorsDType.I32 => "I32",
        SafeTensorsDType.U32 => "U32",
        SafeTensorsDType.F32 => "F32",
        SafeTensorsDType.I64 => "I64",
        SafeTensorsDType.U64 => "U64",
        SafeTensorsDType.F64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype."),
    };

    /// <summary>Parses a header name; <see langword="null"/> for a name Precast does not recognise.</summary>
    public static SafeTensorsDType? Parse(string name) => name switch
    {
        "BOOL" => SafeTensorsDType.Bool,
        "U8" => SafeTensorsDType.U8,
        "I8" => SafeTensorsDType.I8,
        "F8_E4M3" => SafeTensorsDType.F8E4M3,
        "F8_E5M2" => SafeTensorsDType.F8E5M2,
        "I16" => SafeTensorsDType.I16,
        "U16" => SafeTensorsDType.U16,
        "F16" => SafeTensorsDType.F16,
        "BF16" => SafeTensorsDType.BF16,
        "I32" => SafeTensorsDType.I32,
        "U32" => SafeTensorsDType.U32,
        "F32" => SafeTensorsDType.F32,
        "I64" => SafeTensorsDType.I64,
        "U64" => SafeTensorsDType.U64,
        "F64" => SafeTensorsDType.F64,
        _ => null,
    };

    /// <summary>Bytes per value.</summary>
    public static int Size(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool or SafeTensorsDType.U8 or SafeTensorsDType.I8 or SafeTensorsDType.F8E4M3 or SafeTensorsDType.F8E5M2 => 1,
        SafeTensorsDType.I16 or SafeTensorsDType.U16 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 => 2,
        SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.F32 => 4,
        _ => 8,
    };

    /// <summary>
    /// Whether Precast can read the values as floating point numbers: the floating point types, and
    /// the integer types (PyTorch saves BatchNorm's num_batches_tracked as int64), converted with one
    /// rounding. Not the 8-bit floats, whose formats vary.
    /// </summary>
    public static bool IsReadable(SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.F16 or SafeTensorsDType.BF16 or SafeTensorsDType.F32 or SafeTensorsDType.F64
            or SafeTensorsDType.I8 or SafeTensorsDType.U8 or SafeTensorsDType.I16 or SafeTensorsDType.U16
            or SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.I64 or SafeTensorsDType.U64;

    /// <summary>The dtype that stores <typeparamref name="T"/> values exactly.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not <see cref="float"/>, <see cref="double"/> or <see cref="Half"/>.</exception>
    public static SafeTensorsDType For<T>()
    {
        if (typeof(T) == typeof(float))
            return SafeTensorsDType.F32;
        if (typeof(T) == typeof(double))
            return SafeTensorsDType.F64;
        if (typeof(T) == typeof(Half))
            return SafeTensorsDType.F16;
        throw new NotSupportedException($"Values of type {typeof(T).Name} cannot be stored in safetensors; use float (F32), double (F64) or Half (F16).");
    }
}
