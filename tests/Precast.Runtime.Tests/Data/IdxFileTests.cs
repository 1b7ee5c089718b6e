using Precast.Data;

namespace Precast.Runtime.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static readonly byte[] TwelveBytes = [0, 1, 2, 3, 127, 128, 129, 200, 250, 253, 254, 255];

    [Fact]
    public void Write_then_Read_round_trips_a_plain_file_byte_for_byte()
    {
        string path = _directory.File("images.idx");

        IdxFile.Write(path, [3, 2, 2], TwelveBytes, gzip: false);
        IdxFile read = IdxFile.Read(path);

        Assert.Equal(path, read.Path);
        Assert.Equal([3, 2, 2], read.Shape);
        Assert.Equal(TwelveBytes, read.Data);
        byte[] raw = File.ReadAllBytes(path);
        Assert.Equal([.. IdxBytes.Header(0x08, 3, 2, 2), .. TwelveBytes], raw);
    }

    [Fact]
    public void Write_then_Read_round_trips_a_gzip_file()
    {
        string path = _directory.File("images.idx.gz");

        IdxFile.Write(path, [3, 4], TwelveBytes, gzip: true);
        IdxFile read = IdxFile.Read(path);

        byte[] raw = File.ReadAllBytes(path);
        Assert.Equal([0x1F, 0x8B], raw[..2]);
        Assert.Equal([3, 4], read.Shape);
        Assert.Equal(TwelveBytes, read.Data);
    }

    [Fact]
    public void Write_stores_dimensions_big_endian()
    {
        string path = _directory.File("labels.idx");

        IdxFile.Write(path, [60000], new byte[60000], gzip: false);

        Assert.Equal(new byte[] { 0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0xEA, 0x60 }, File.ReadAllBytes(path)[..8]);
    }

    [Fact]
    public void Read_detects_gzip_from_the_content_not_the_file_name()
    {
        string gzipWithoutExtension = _directory.File("compressed.idx");
        string plainWithGzExtension = _directory.File("plain.idx.gz");
        File.WriteAllBytes(gzipWithoutExtension, IdxBytes.Gzip(IdxBytes.File(6, 2, 3)));
        File.WriteAllBytes(plainWithGzExtension, IdxBytes.File(6, 2, 3));

        Assert.Equal([0, 1, 2, 3, 4, 5], IdxFile.Read(gzipWithoutExtension).Data);
        Assert.Equal([0, 1, 2, 3, 4, 5], IdxFile.Read(plainWithGzExtension).Data);
    }

    [Fact]
    public void Write_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        string path = _directory.File("data.idx");
        IdxFile.Write(path, [2], [1, 2], gzip: false);

        IdxFile.Write(path, [3], [7, 8, 9], gzip: true);

        Assert.Equal([7, 8, 9], IdxFile.Read(path).Data);
        Assert.Equal(["data.idx"], _directory.FileNames());
    }

    [Fact]
    public void Read_of_a_missing_file_names_the_path()
    {
        string path = _directory.File("nope.idx");

        var error = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Read_of_a_file_shorter_than_the_fixed_header_says_what_it_found()
    {
        string path = _directory.Write("short.idx", [0x00, 0x00, 0x08]);

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("too short for the header", message);
        Assert.Contains("expected at least 4 bytes", message);
        Assert.Contains("found 3", message);
    }

    [Fact]
    public void Read_of_a_file_shorter_than_its_dimensions_says_how_long_the_header_should_be()
    {
        string path = _directory.Write("short.idx", IdxBytes.Header(0x08, 10, 28, 28)[..8]);

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("declares 3 dimensions", message);
        Assert.Contains("the header is 16 bytes", message);
        Assert.Contains("ends after 8", message);
    }

    [Fact]
    public void Read_of_a_file_with_bad_magic_shows_the_bytes_found()
    {
        string path = _directory.Write("bad.idx", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]);

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("not an IDX file", message);
        Assert.Contains("expected the magic bytes 00 00", message);
        Assert.Contains("found 50 4B", message);
    }

    [Theory]
    [InlineData(0x0D, "0x0D (float32)")]
    [InlineData(0x09, "0x09 (signed byte)")]
    [InlineData(0x0B, "0x0B (int16)")]
    [InlineData(0x0C, "0x0C (int32)")]
    [InlineData(0x0E, "0x0E (float64)")]
    [InlineData(0x42, "0x42 (not an IDX type)")]
    public void Read_of_an_unsupported_type_names_it_and_the_supported_one(byte type, string named)
    {
        string path = _directory.Write("floats.idx", [.. IdxBytes.Header(type, 2), 0, 0, 0, 0, 0, 0, 0, 0]);

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains(named, message);
        Assert.Contains("only 0x08 (unsigned byte) is supported", message);
    }

    [Fact]
    public void Read_of_a_file_with_no_dimensions_says_one_is_needed()
    {
        string path = _directory.Write("scalar.idx", IdxBytes.Header(0x08));

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("declares 0 dimensions; expected at least 1", message);
    }

    [Theory]
    [InlineData(0, "dimension 1 = 0")]
    [InlineData(-5, "dimension 1 = -5")]
    public void Read_of_a_zero_or_negative_dimension_names_it(int dimension, string named)
    {
        string path = _directory.Write("odd.idx", IdxBytes.Header(0x08, 3, dimension, 4));

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains(named, message);
        Assert.Contains("expected every dimension to be positive", message);
    }

    [Fact]
    public void Read_of_a_header_larger_than_an_array_says_so()
    {
        string path = _directory.Write("huge.idx", IdxBytes.Header(0x08, 100000, 100000));

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("[100000, 100000] (of 2)", message);
        Assert.Contains("the most one array can hold", message);
    }

    [Fact]
    public void Read_of_truncated_data_gives_expected_and_found_byte_counts()
    {
        string path = _directory.Write("train-images-idx3-ubyte", IdxBytes.File(1234, 60000, 28, 28));

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("truncated", message);
        Assert.Contains("expected 47,040,000 bytes of data (shape [60000, 28, 28]) after the 16-byte header, found 1,234", message);
    }

    [Fact]
    public void Read_of_truncated_gzip_data_says_the_sizes_are_after_decompression()
    {
        string path = _directory.Write("labels.gz", IdxBytes.Gzip(IdxBytes.File(99, 100)));

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("gzip, sizes after decompression", message);
        Assert.Contains("expected 100 bytes of data (shape [100]) after the 8-byte header, found 99", message);
    }

    [Fact]
    public void Read_of_trailing_bytes_counts_them()
    {
        string path = _directory.Write("long.idx", IdxBytes.File(12 + 5, 3, 4));

        string message = ReadError(path);

        Assert.Contains(path, message);
        Assert.Contains("5 extra bytes after the 12 bytes of data (shape [3, 4])", message);
        Assert.Contains("12-byte header", message);
    }

    [Fact]
    public void Read_of_a_corrupt_gzip_stream_names_the_file()
    {
        byte[] gzip = IdxBytes.Gzip(IdxBytes.File(1000, 10, 100));
        for (int i = 12; i < 40; i++)
            gzip[i] ^= 0x5A;
        string path = _directory.Write("corrupt.gz", gzip);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("starts with the gzip signature 1F 8B but its gzip stream is corrupt", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void Write_refuses_data_that_does_not_match_the_shape()
    {
        string path = _directory.File("x.idx");

        var error = Assert.Throws<ArgumentException>(() => IdxFile.Write(path, [2, 3], new byte[5], gzip: false));

        Assert.Equal("data", error.ParamName);
        Assert.Contains("'data' has 5 bytes but 'shape' [2, 3] needs 6", error.Message);
        Assert.Empty(_directory.FileNames());
    }

    [Theory]
    [InlineData(new int[0], "0 dimensions")]
    [InlineData(new[] { 2, 0 }, "dimension 1 = 0")]
    [InlineData(new[] { -1 }, "dimension 0 = -1")]
    public void Write_refuses_a_bad_shape(int[] shape, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => IdxFile.Write(_directory.File("x.idx"), shape, [], gzip: false));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Write_into_a_missing_directory_names_it()
    {
        string path = Path.Combine(_directory.Path, "missing", "x.idx");

        var error = Assert.Throws<DirectoryNotFoundException>(() => IdxFile.Write(path, [1], [1], gzip: false));

        Assert.Contains(Path.Combine(_directory.Path, "missing"), error.Message);
    }

    [Fact]
    public void Read_of_the_shipped_fashion_mnist_subset_gives_its_shapes() =>
        AssertFashionMnistShapes(FashionMnistFiles.ShippedDirectory, train: 10000, test: 2000);

    [FullFashionMnistFact]
    public void Read_of_the_full_fashion_mnist_set_gives_its_shapes() =>
        AssertFashionMnistShapes(FashionMnistFiles.FullDirectory, train: 60000, test: 10000);

    private static void AssertFashionMnistShapes(string directory, int train, int test)
    {
        IdxFile trainImages = IdxFile.Read(FashionMnistFiles.Images(directory, "train"));
        IdxFile trainLabels = IdxFile.Read(FashionMnistFiles.Labels(directory, "train"));
        IdxFile testImages = IdxFile.Read(FashionMnistFiles.Images(directory, "t10k"));
        IdxFile testLabels = IdxFile.Read(FashionMnistFiles.Labels(directory, "t10k"));

        Assert.Equal([train, 28, 28], trainImages.Shape);
        Assert.Equal([train], trainLabels.Shape);
        Assert.Equal([test, 28, 28], testImages.Shape);
        Assert.Equal([test], testLabels.Shape);
        Assert.Equal(train * 28 * 28, trainImages.Data.Length);
        Assert.All(trainLabels.Data, label => Assert.InRange(label, 0, 9));
        Assert.All(testLabels.Data, label => Assert.InRange(label, 0, 9));
    }

    private static string ReadError(string path) => Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message;
}
