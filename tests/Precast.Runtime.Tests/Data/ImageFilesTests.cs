using Precast.Data;
using Precast.Data.Csv;
using Precast.Data.Images;
using StbImageWriteSharp;

namespace Precast.Runtime.Tests.Data;

public sealed class ImageFilesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Class_folders_are_sorted_classes_and_their_images_are_found_in_sorted_order_below_them()
    {
        WritePng("zebra/b.png", Gray(2, 3, 10));
        WritePng("zebra/a.PNG", Gray(2, 3, 20));
        WritePng("ant/nested/c.png", Gray(2, 3, 30));
        WritePng("ant/d.png", Gray(2, 3, 40));
        Directory.CreateDirectory(_directory.File("empty"));
        File.WriteAllText(_directory.File("zebra/notes.txt"), "not an image");

        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [1, 2, 3]);

        Assert.Equal(["ant", "empty", "zebra"], images.ClassNames);
        Assert.Equal(3, images.ClassCount);
        Assert.Equal(
            ["ant/d.png", "ant/nested/c.png", "zebra/a.PNG", "zebra/b.png"],
            images.Paths.Select(path => Path.GetRelativePath(_directory.Path, path).Replace('\\', '/')));
        Assert.Equal([0, 0, 2, 2], images.Labels.ToArray());
        Assert.Equal(4, images.Count);
    }

    [Fact]
    public void A_grayscale_image_becomes_one_channel_scaled_to_unit_range_row_by_row()
    {
        byte[] pixels = [0, 51, 102, 153, 204, 255];
        WritePng("digits/one.png", (pixels, 2, 3, ColorComponents.Grey));
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [1, 2, 3]);

        var input = new float[6];
        var target = new int[1];
        images.Read(0, input, target);

        Assert.Equal(pixels.Select(p => p / 255f), input);
        Assert.Equal([0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f], input);
        Assert.Equal(0, target[0]);
    }

    [Fact]
    public void An_rgb_image_becomes_three_planes_red_green_blue_channels_first()
    {
        // 1 x 2 pixels: (255, 0, 51) and (102, 153, 204), interleaved in the file.
        WritePng("c/rgb.png", ([255, 0, 51, 102, 153, 204], 1, 2, ColorComponents.RedGreenBlue));
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [3, 1, 2]);

        var input = new float[6];
        images.Read(0, input, new int[1]);

        Assert.Equal(new byte[] { 255, 102, 0, 153, 51, 204 }.Select(p => p / 255f), input);
    }

    [Fact]
    public void A_grayscale_file_read_as_rgb_repeats_its_value_in_every_channel()
    {
        WritePng("c/gray.png", ([10, 200], 1, 2, ColorComponents.Grey));
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [3, 1, 2]);

        var input = new float[6];
        images.Read(0, input, new int[1]);

        Assert.Equal(new byte[] { 10, 200, 10, 200, 10, 200 }.Select(p => p / 255f), input);
    }

    [Fact]
    public void A_jpeg_decodes_close_to_its_pixels()
    {
        byte[] flat = [.. Enumerable.Repeat((byte)128, 8 * 8)];
        string path = _directory.File("c/flat.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (FileStream file = File.Create(path))
            new ImageWriter().WriteJpg(flat, 8, 8, ColorComponents.Grey, file, 95);
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [1, 8, 8]);

        var input = new float[64];
        images.Read(0, input, new int[1]);

        Assert.All(input, value => Assert.InRange(value, 126 / 255f, 130 / 255f));
    }

    [Fact]
    public void An_image_of_the_wrong_size_names_the_file_and_both_sizes()
    {
        string path = WritePng("c/wide.png", Gray(28, 30, 0));
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [1, 28, 28]);

        var error = Assert.Throws<InvalidDataException>(() => images.Read(0, new float[784], new int[1]));

        Assert.Equal(
            $"Image file '{path}' is 28 × 30 pixels (height × width); expected 28 × 28, the size of the model's input. " +
            "Resize the images beforehand: Precast does not resize.",
            error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_image_names_the_file()
    {
        string path = _directory.Write("c.png", [1, 2, 3]);
        Directory.CreateDirectory(_directory.File("c"));
        File.Move(path, _directory.File("c/broken.png"));
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [1, 2, 2]);

        var error = Assert.Throws<InvalidDataException>(() => images.Read(0, new float[4], new int[1]));

        Assert.StartsWith($"Image file '{_directory.File("c/broken.png")}' cannot be decoded: ", error.Message);
    }

    [Fact]
    public void A_folder_without_classes_or_images_and_a_bad_shape_are_refused()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ImageFiles.FromDirectory(_directory.File("nowhere"), [1, 2, 2]));
        Assert.Contains("has no subfolders; expected one subfolder of images per class",
            Assert.Throws<InvalidDataException>(() => ImageFiles.FromDirectory(_directory.Path, [1, 2, 2])).Message);
        Directory.CreateDirectory(_directory.File("a"));
        Assert.Contains("the 1 class folders of", Assert.Throws<InvalidDataException>(() => ImageFiles.FromDirectory(_directory.Path, [1, 2, 2])).Message);
        Assert.Contains("'sampleShape' is [2, 2, 2]; expected [channels, height, width] with 1 channel (grayscale) or 3 (RGB)",
            Assert.Throws<ArgumentException>(() => ImageFiles.FromDirectory(_directory.Path, [2, 2, 2])).Message);
    }

    [Fact]
    public void A_csv_lists_images_relative_to_its_folder_with_class_names_sorted()
    {
        WritePng("img/1.png", Gray(2, 2, 1));
        WritePng("img/2.png", Gray(2, 2, 2));
        WritePng("img/3.png", Gray(2, 2, 3));
        string csv = _directory.Write("list.csv", "id,file,kind\n1,img/1.png,dog\n2,img/2.png,cat\n3,img/3.png,dog\n"u8.ToArray());

        ImageFiles images = ImageFiles.FromCsv(csv, "file", "kind", [1, 2, 2]);

        Assert.Equal(["cat", "dog"], images.ClassNames);
        Assert.Equal([1, 0, 1], images.Labels.ToArray());
        Assert.Equal(_directory.File(Path.Combine("img", "2.png")), images.Paths[1]);
        var input = new float[4];
        var target = new int[1];
        images.Read(2, input, target);
        Assert.Equal(3 / 255f, input[0]);
        Assert.Equal(1, target[0]);
    }

    [Fact]
    public void Integer_labels_sort_as_numbers_and_given_class_names_fix_the_indices()
    {
        for (int i = 0; i < 3; i++)
            WritePng($"{i}.png", Gray(1, 1, (byte)i));
        string csv = _directory.Write("list.csv", "path,label\n0.png,10\n1.png,9\n2.png,2\n"u8.ToArray());

        ImageFiles sorted = ImageFiles.FromCsv(csv, "path", "label", [1, 1, 1]);
        ImageFiles given = ImageFiles.FromCsv(csv, "path", "label", [1, 1, 1], classNames: ["10", "9", "2", "7"]);

        Assert.Equal(["2", "9", "10"], sorted.ClassNames);
        Assert.Equal([2, 1, 0], sorted.Labels.ToArray());
        Assert.Equal([0, 1, 2], given.Labels.ToArray());
        Assert.Equal(4, given.ClassCount);
    }

    [Fact]
    public void A_csv_row_naming_a_missing_file_an_unknown_class_or_nothing_is_an_error_at_its_line()
    {
        WritePng("a.png", Gray(1, 1, 0));
        string missing = _directory.Write("missing.csv", "path,label\na.png,x\nb.png,y\n"u8.ToArray());
        string unknown = _directory.Write("unknown.csv", "path,label\na.png,x\na.png,z\n"u8.ToArray());
        string empty = _directory.Write("empty.csv", "path,label\na.png,\n"u8.ToArray());

        var noFile = Assert.Throws<CsvRowException>(() => ImageFiles.FromCsv(missing, "path", "label", [1, 1, 1]));
        var noClass = Assert.Throws<CsvRowException>(() => ImageFiles.FromCsv(unknown, "path", "label", [1, 1, 1], classNames: ["x", "y"]));
        var noLabel = Assert.Throws<CsvRowException>(() => ImageFiles.FromCsv(empty, "path", "label", [1, 1, 1]));

        Assert.Equal(
            $"CSV file '{missing}', line 3, column 'path' (number 1): image file '{_directory.File("b.png")}' does not exist " +
            "(paths are relative to the CSV file's folder).",
            noFile.Message);
        Assert.Equal($"CSV file '{unknown}', line 3, column 'label' (number 2): label 'z' is not one of the 2 classes given: x, y.", noClass.Message);
        Assert.Equal($"CSV file '{empty}', line 2, column 'label' (number 2): the label is empty.", noLabel.Message);
    }

    [Fact]
    public void Loading_decodes_every_image_once_into_the_same_samples_as_lazy_reads()
    {
        WritePng("b/x.png", Gray(2, 2, 7));
        WritePng("a/y.png", Gray(2, 2, 9));
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [1, 2, 2]);

        Dataset<float, int> loaded = images.Load();

        Assert.Equal(2, loaded.ClassCount);
        Assert.Equal([0, 1], loaded.Targets);
        var lazy = new float[4];
        images.Read(1, lazy, new int[1]);
        Assert.Equal(lazy, loaded.GetSample(1).ToArray());
    }

    [Fact]
    public void Lazy_images_batch_through_a_prefetcher_as_through_the_batcher()
    {
        for (int i = 0; i < 12; i++)
            WritePng($"{(i % 3 == 0 ? "odd" : "even")}/{i:D2}.png", Gray(3, 3, (byte)(i * 20)));
        ImageFiles images = ImageFiles.FromDirectory(_directory.Path, [1, 3, 3]);
        var reference = new Batcher<float, int>(images.Load(), batchSize: 5, seed: 4);
        using Prefetcher<float, int> prefetcher = new Batcher<float, int>(images, batchSize: 5, seed: 4).Prefetch();

        Assert.Equal(
            PrefetcherTests.Collect(reference, 1).SelectMany(batch => batch.Inputs),
            PrefetcherTests.Collect(prefetcher, 1).SelectMany(batch => batch.Inputs));
    }

    /// <summary>A height × width grayscale image whose pixels count up from <paramref name="start"/>.</summary>
    private static (byte[] Pixels, int Height, int Width, ColorComponents Components) Gray(int height, int width, byte start) =>
        ([.. Enumerable.Range(0, height * width).Select(i => (byte)(start + i))], height, width, ColorComponents.Grey);

    private string WritePng(string relative, (byte[] Pixels, int Height, int Width, ColorComponents Components) image)
    {
        string path = _directory.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using FileStream file = File.Create(path);
        new ImageWriter().WritePng(image.Pixels, image.Width, image.Height, image.Components, file);
        return path;
    }
}
