using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Checkpoints;

/// <summary>
/// Converts tensor values to and from safetensors' little-endian bytes. Element by element through
/// <see cref="BinaryPrimitives"/>, so the result is the same on every machine, whatever its byte order.
/// </summary>
internal static class SafeTensorsValues
{
    private const int ChunkBytes = 8192;

    /// <summary>Writes <paramref name="values"/> as little-endian bytes.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> values) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        int perChunk = ChunkBytes / size;
        Span<byte> chunk = stackalloc byte[ChunkBytes];
        while (!values.IsEmpty)
        {
            int count = Math.Min(perChunk, values.Length);
            for (int i = 0; i < count; i++)
                WriteOne(chunk[(i * size)..], values[i]);
            stream.Write(chunk[..(count * size)]);
            values = values[count..];
        }
    }

    /// <summary>
    /// Reads values stored as <paramref name="dtype"/> into <paramref name="destination"/>, converting
    /// each with one rounding (none when the types match, so F32 into float is bit-exact).
    /// </summary>
    public static void Read<T>(ReadOnlySpan<byte> source, SafeTensorsDType dtype, Span<T> destination) where T : INumberBase<T>
    {
        switch (dtype)
        {
            case SafeTensorsDType.F32:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]));
                break;
            case SafeTensorsDType.F64:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]));
                break;
            case SafeTensorsDType.F16:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]));
                break;
            case SafeTensorsDType.BF16:
                // bfloat16 is the upper 16 bits of a float32, so widening is a shift.
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]) << 16));
                break;
            case SafeTensorsDType.I8:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating((sbyte)source[i]);
                break;
            case SafeTensorsDType.U8:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(source[i]);
                break;
            case SafeTensorsDType.I16:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]));
                break;
            case SafeTensorsDType.U16:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]));
                break;
            case SafeTensorsDType.I32:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]));
                break;
            case SafeTensorsDType.U32:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadUInt32LittleEndian(source[(4 * i)..]));
                break;
            case SafeTensorsDType.I64:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadInt64LittleEndian(source[(8 * i)..]));
                break;
            case SafeTensorsDType.U64:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = T.CreateTruncating(BinaryPrimitives.ReadUInt64LittleEndian(source[(8 * i)..]));
                break;
            default:
                throw new NotSupportedException(
                    $"{SafeTensorsDTypes.HeaderName(dtype)} values cannot be read as floating point numbers; Precast reads {SafeTensorsDTypes.ReadableNames}.");
        }
    }

    private static void WriteOne<T>(Span<byte> destination, T value) where T : unmanaged
    {
        // Each typeof test is a JIT-time constant, so only one branch survives per T.
        if (typeof(T) == typeof(float))
            BinaryPrimitives.WriteSingleLittleEndian(destination, Unsafe.As<T, float>(ref value));
        else if (typeof(T) == typeof(double))
            BinaryPrimitives.WriteDoubleLittleEndian(destination, Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(Half))
            BinaryPrimitives.WriteHalfLittleEndian(destination, Unsafe.As<T, Half>(ref value));
        else
            throw new NotSupportedException($"Values of type {typeof(T).Name} cannot be stored in safetensors; use float, double or Half.");
    }
}
