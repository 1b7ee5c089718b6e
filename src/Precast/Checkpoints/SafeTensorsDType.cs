namespace Precast.Checkpoints;

/// <summary>
/// The element types a safetensors file can declare. Precast reads the values of the floating
/// point types (<see cref="F16"/>, <see cref="BF16"/>, <see cref="F32"/>, <see cref="F64"/>) and
/// writes <see cref="F32"/>, <see cref="F64"/> and <see cref="F16"/>; the others are recognised so
/// that files holding them (such as PyTorch's <c>num_batches_tracked</c> counters) still open.
/// </summary>
public enum SafeTensorsDType
{
    /// <summary><c>BOOL</c>: one byte per value.</summary>
    Bool,

    /// <summary><c>U8</c>: unsigned 8-bit integers.</summary>
    U8,

    /// <summary><c>I8</c>: signed 8-bit integers.</summary>
    I8,

    /// <summary><c>F8_E4M3</c>: 8-bit floats with 4 exponent bits.</summary>
    F8E4M3,

    /// <summary><c>F8_E5M2</c>: 8-bit floats with 5 exponent bits.</summary>
    F8E5M2,

    /// <summary><c>I16</c>: signed 16-bit integers.</summary>
    I16,

    /// <summary><c>U16</c>: unsigned 16-bit integers.</summary>
    U16,

    /// <summary><c>F16</c>: IEEE 754 half precision.</summary>
    F16,

    /// <summary><c>BF16</c>: bfloat16, the upper half of a 32-bit float.</summary>
    BF16,

    /// <summary><c>I32</c>: signed 32-bit integers.</summary>
    I32,

    /// <summary><c>U32</c>: unsigned 32-bit integers.</summary>
    U32,

    /// <summary><c>F32</c>: IEEE 754 single precision.</summary>
    F32,

    /// <summary><c>I64</c>: signed 64-bit integers.</summary>
    I64,

    /// <summary><c>U64</c>: unsigned 64-bit integers.</summary>
    U64,

    /// <summary><c>F64</c>: IEEE 754 double precision.</summary>
    F64,
}
