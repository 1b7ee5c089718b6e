using System.Buffers.Binary;
using System.IO.Compression;

namespace Precast.Runtime.Tests.Data;

/// <summary>Builds IDX bytes by hand, so tests can make files the writer would refuse to produce.</summary>
internal static class IdxBytes
{
    /// <summary>00 00, the type code, the dimension count, then each dimension big-endian.</summary>
    public static byte[] Header(byte type, params int[] dimensions)
    {
        byte[] header = new byte[4 + 4 * dimensions.Length];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        return header;
    }

    /// <summary>An unsigned-byte IDX file: the header for <paramref name="dimensions"/> followed by <paramref name="dataLength"/> bytes.</summary>
    public static byte[] File(int dataLength, params int[] dimensions) =>
        [.. Header(0x08, dimensions), .. Enumerable.Range(0, dataLength).Select(i => (byte)i)];

    public static byte[] Gzip(byte[] plain)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
            gzip.Write(plain);
        return compressed.ToArray();
    }
}
