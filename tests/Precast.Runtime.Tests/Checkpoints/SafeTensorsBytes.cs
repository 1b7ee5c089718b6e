using System.Buffers.Binary;
using System.Text;

namespace Precast.Runtime.Tests.Checkpoints;

/// <summary>Builds safetensors files by hand, so tests can make the files other tools write, or broken ones.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The 8-byte little-endian length of <paramref name="json"/>, the JSON, then <paramref name="data"/>.</summary>
    public static byte[] File(string json, params byte[] data)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        byte[] length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        return [.. length, .. header, .. data];
    }

    public static byte[] Floats(params float[] values)
    {
        byte[] bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static byte[] Doubles(params double[] values)
    {
        byte[] bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }
}
