using System.Buffers.Binary;
using System.IO.Compression;
using Precast.Checkpoints;

namespace Precast.Data;

/// <summary>
/// A file in the IDX format used by MNIST and Fashion-MNIST: the magic bytes <c>00 00</c>, a type
/// code, the number of dimensions, each dimension as a big-endian 32-bit integer, then the values
/// in row-major order. Only unsigned bytes (type code <c>0x08</c>) are supported, which is what
/// the image and label files of both data sets hold. Files may be gzip-compressed; that is detected
/// from their first two bytes (<c>1F 8B</c>), not from the file name.
/// </summary>
public sealed class IdxFile
{
    private const byte UnsignedByteType = 0x08;
    private const int PrefixLength = 4;

    private IdxFile(string path, int[] shape, byte[] data)
    {
        Path = path;
        Shape = shape;
        Data = data;
    }

    /// <summary>The path the file was read from, as given to <see cref="Read"/>.</summary>
    public string Path { get; }

    /// <summary>The dimensions from the header, outermost first: <c>[60000, 28, 28]</c> for training images.</summary>
    public int[] Shape { get; }

    /// <summary>The values, row-major; its length is the product of <see cref="Shape"/>.</summary>
    public byte[] Data { get; }

    /// <summary>Reads an IDX file of unsigned bytes, plain or gzip-compressed.</summary>
    /// <param name="path">The file to read.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a well-formed IDX file of unsigned bytes; the message says what was expected
    /// and what was found.
    /// </exception>
    public static IdxFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        bool gzip = StartsWithGzipSignature(file);
        using Stream source = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        var reader = new Reader(path, source, gzip);

        Span<byte> prefix = stackalloc byte[PrefixLength];
        int found = reader.Fill(prefix);
        if (found < PrefixLength)
            throw new InvalidDataException(
                $"IDX file {reader.Describe()} is too short for the header: expected at least {PrefixLength} bytes " +
                $"(00 00, a type code, the number of dimensions), found {found}.");
        if (prefix[0] != 0 || prefix[1] != 0)
            throw new InvalidDataException(
                $"{reader.Describe()} is not an IDX file: expected the magic bytes 00 00 at the start, found {prefix[0]:X2} {prefix[1]:X2}.");
        if (prefix[2] != UnsignedByteType)
            throw new InvalidDataException(
                $"IDX file {reader.Describe()} holds values of type 0x{prefix[2]:X2} ({TypeName(prefix[2])}); " +
                $"only 0x{UnsignedByteType:X2} ({TypeName(UnsignedByteType)}) is supported.");
        int rank = prefix[3];
        if (rank == 0)
            throw new InvalidDataException($"IDX file {reader.Describe()} declares 0 dimensions; expected at least 1.");

        int headerLength = PrefixLength + 4 * rank;
        Span<byte> dimensions = stackalloc byte[4 * rank];
        found = reader.Fill(dimensions);
        if (found < dimensions.Length)
            throw new InvalidDataException(
                $"IDX file {reader.Describe()} is too short for the header: it declares {rank} dimensions, so the header is " +
                $"{headerLength} bytes, but the file ends after {PrefixLength + found}.");

        int[] shape = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(dimensions[(4 * i)..]);
            if (shape[i] <= 0)
                throw new InvalidDataException(
                    $"IDX file {reader.Describe()} has dimension {i} = {shape[i]} in its header; expected every dimension to be positive.");
            length *= shape[i];
            if (length > Array.MaxLength)
                throw new InvalidDataException(
                    $"IDX file {reader.Describe()} has header dimensions {ShapeText.Format(shape.AsSpan(0, i + 1))} (of {rank}), which already describe " +
                    $"more than {InvariantText.Count(Array.MaxLength)} bytes, the most one array can hold.");
        }

        // A plain file's size is known up front: a damaged header must not make us allocate
        // gigabytes only to find the data missing.
        if (!gzip && file.Length - headerLength < length)
            throw Truncated(reader, shape, length, headerLength, file.Length - headerLength);
        byte[] data = new byte[length];
        found = reader.Fill(data);
        if (found < data.Length)
            throw Truncated(reader, shape, length, headerLength, found);
        long extra = reader.CountRemaining();
        if (extra > 0)
            throw new InvalidDataException(
                $"IDX file {reader.Describe()} has {InvariantText.Count(extra)} extra bytes after the {InvariantText.Count(data.Length)} bytes of data " +
                $"(shape {ShapeText.Format(shape)}) that its {headerLength}-byte header describes; expected the file to end there.");

        return new IdxFile(path, shape, data);
    }

    /// <summary>
    /// Writes an IDX file of unsigned bytes, through a temporary file that is renamed over
    /// <paramref name="path"/> once complete, so an existing file is never left half-written.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="shape">The dimensions, outermost first; 1 to 255 of them, each positive.</param>
    /// <param name="data">The values, row-major; exactly the product of <paramref name="shape"/> bytes.</param>
    /// <param name="gzip">Whether to gzip-compress the file.</param>
    public static void Write(string path, ReadOnlySpan<int> shape, ReadOnlySpan<byte> data, bool gzip)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (shape.Length is 0 or > byte.MaxValue)
            throw new ArgumentException(
                $"IdxFile.Write: 'shape' has {shape.Length} dimensions; an IDX file holds 1 to {byte.MaxValue}.", nameof(shape));
        long length = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] <= 0)
                throw new ArgumentException(
                    $"IdxFile.Write: 'shape' {ShapeText.Format(shape)} has dimension {i} = {shape[i]}; every dimension must be positive.", nameof(shape));
            length *= shape[i];
            if (length > Array.MaxLength)
                throw new ArgumentException(
                    $"IdxFile.Write: 'shape' {ShapeText.Format(shape)} describes more values than one array can hold.", nameof(shape));
        }
        if (length != data.Length)
            throw new ArgumentException(
                $"IdxFile.Write: 'data' has {InvariantText.Count(data.Length)} bytes but 'shape' {ShapeText.Format(shape)} needs {InvariantText.Count(length)}.",
                nameof(data));

        using AtomicFile file = AtomicFile.Create(path);
        if (gzip)
        {
            using var compressed = new GZipStream(file.Stream, CompressionLevel.Optimal, leaveOpen: true);
            WriteContent(compressed, shape, data);
        }
        else
        {
            WriteContent(file.Stream, shape, data);
        }
        file.Commit();
    }

    private static void WriteContent(Stream output, ReadOnlySpan<int> shape, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[PrefixLength + 4 * shape.Length];
        header[0] = 0;
        header[1] = 0;
        header[2] = UnsignedByteType;
        header[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header[(PrefixLength + 4 * i)..], shape[i]);
        output.Write(header);
        output.Write(data);
    }

    private static InvalidDataException Truncated(Reader reader, int[] shape, long length, int headerLength, long found) => new(
        $"IDX file {reader.Describe()} is truncated: expected {InvariantText.Count(length)} bytes of data (shape {ShapeText.Format(shape)}) " +
        $"after the {headerLength}-byte header, found {InvariantText.Count(found)}.");

    private static bool StartsWithGzipSignature(FileStream file)
    {
        Span<byte> signature = stackalloc byte[2];
        int found = file.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return found == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
    }

    private static string TypeName(byte typeCode) => typeCode switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "not an IDX type",
    };

    /// <summary>Reads from the plain or decompressed stream and phrases where the bytes came from.</summary>
    private readonly struct Reader(string path, Stream source, bool gzip)
    {
        public string Describe() => gzip ? $"'{path}' (gzip, sizes after decompression)" : $"'{path}'";

        /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
        public int Fill(Span<byte> buffer)
        {
            try
            {
                return source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException corrupt) when (gzip)
            {
                throw Corrupt(corrupt);
            }
        }

        /// <summary>Reads to the end of the stream and returns how many bytes there were.</summary>
        public long CountRemaining()
        {
            Span<byte> scratch = stackalloc byte[4096];
            long count = 0;
            int read;
            while ((read = Fill(scratch)) > 0)
                count += read;
            return count;
        }

        private InvalidDataException Corrupt(InvalidDataException inner) => new(
            $"IDX file '{path}' starts with the gzip signature 1F 8B but its gzip stream is corrupt: {inner.Message}", inner);
    }
}
