using System.Globalization;
using nietras.SeparatedValues;
using Precast.Data.Csv;

namespace Precast.Data.Images;

/// <summary>
/// Labelled image files, decoded when a batch needs them: found in class folders
/// (<see cref="FromDirectory"/>, as Keras's <c>flow_from_directory</c> and torchvision's
/// <c>ImageFolder</c> find them) or listed in a CSV file (<see cref="FromCsv"/>, as Keras's
/// <c>flow_from_dataframe</c>). Each image becomes a [channels, height, width] sample scaled to
/// [0, 1] and its class index the target:
/// <code>
/// var images = ImageFiles.FromDirectory("flowers/train", [3, 64, 64]);
/// using var batches = new Batcher&lt;float, int&gt;(images, 32, seed: 1, transform: new RandomHorizontalFlip()).Prefetch();
/// </code>
/// Decoding reads the disk and allocates (see <see cref="ImageDecoder"/>), so read lazily through a
/// <see cref="Prefetcher{T, TTarget}"/>, or decode every image once with <see cref="Load"/> when they fit in memory.
/// </summary>
public sealed class ImageFiles : ISampleSource<float, int>
{
    private readonly string[] _paths;
    private readonly int[] _labels;
    private readonly string[] _classNames;
    private readonly int[] _sampleShape;
    private readonly ImageColor _color;

    private ImageFiles(string[] paths, int[] labels, string[] classNames, int[] sampleShape)
    {
        _paths = paths;
        _labels = labels;
        _classNames = classNames;
        _sampleShape = sampleShape;
        _color = (ImageColor)sampleShape[0];
        SampleLength = sampleShape[0] * sampleShape[1] * sampleShape[2];
    }

    /// <summary>The image files, in sample order (full paths for <see cref="FromDirectory"/>; as resolved against the CSV's folder for <see cref="FromCsv"/>).</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>Each sample's class index, in sample order.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The class names, in class index order: class <c>i</c> is <c>ClassNames[i]</c>.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The number of classes.</summary>
    public int ClassCount => _classNames.Length;

    /// <inheritdoc/>
    public int Count => _paths.Length;

    /// <summary>[channels, height, width]: 1 channel for <see cref="ImageColor.Grayscale"/>, 3 for <see cref="ImageColor.Rgb"/>.</summary>
    public ReadOnlySpan<int> SampleShape => _sampleShape;

    /// <inheritdoc/>
    public int SampleLength { get; }

    /// <summary>1: each image has one class label.</summary>
    public int TargetLength => 1;

    /// <summary>Decodes image <paramref name="index"/> into <paramref name="input"/> and writes its class into <paramref name="target"/>.</summary>
    /// <param name="index">The sample, in [0, <see cref="Count"/>).</param>
    /// <param name="input">Receives the pixels, channels first, in [0, 1].</param>
    /// <param name="target">Receives the class index.</param>
    /// <exception cref="InvalidDataException">The file cannot be decoded or has the wrong size; the message names it.</exception>
    public void Read(int index, Span<float> input, Span<int> target)
    {
        if ((uint)index >= (uint)_paths.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"ImageFiles: sample {index} does not exist; expected an index in [0, {_paths.Length}).");
        if (input.Length != SampleLength || target.Length != 1)
            throw new ArgumentException(
                $"ImageFiles.Read: 'input' has {input.Length} values and 'target' {target.Length}; expected {SampleLength} " +
                $"(shape {ShapeText.Format(_sampleShape)}) and 1.");
        ImageDecoder.Decode(_paths[index], _color, _sampleShape[1], _sampleShape[2], input);
        target[0] = _labels[index];
    }

    /// <summary>Decodes every image once into an in-memory dataset (eager loading), so batches no longer touch the disk.</summary>
    public Dataset<float, int> Load() => Dataset.FromSource(this, ClassCount);

    /// <summary>
    /// Finds the images in class folders, <c>root/&lt;class&gt;/**/*.png|jpg|jpeg|bmp</c>: each
    /// subfolder of <paramref name="root"/> is a class, in ordinal order of the folder names (an empty
    /// folder is a class without images); each class's images are found in its folder and the folders
    /// below it, in ordinal order of their paths. Extensions match case-insensitively.
    /// </summary>
    /// <param name="root">The folder holding one subfolder per class.</param>
    /// <param name="sampleShape">[channels, height, width] of the model's input: 1 channel (grayscale) or 3 (RGB); every image must be height × width.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">There is no class folder, or no image in any of them.</exception>
    public static ImageFiles FromDirectory(string root, ReadOnlySpan<int> sampleShape)
    {
        const string method = "ImageFiles.FromDirectory";
        ArgumentException.ThrowIfNullOrEmpty(root);
        int[] shape = CheckShape(sampleShape, method);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{method}: folder '{root}' does not exist.");
        string[] classFolders = Directory.GetDirectories(root);
        Array.Sort(classFolders, StringComparer.Ordinal);
        if (classFolders.Length == 0)
            throw new InvalidDataException($"{method}: folder '{root}' has no subfolders; expected one subfolder of images per class.");

        var paths = new List<string>();
        var labels = new List<int>();
        for (int c = 0; c < classFolders.Length; c++)
        {
            string[] images = [.. Directory.EnumerateFiles(classFolders[c], "*", SearchOption.AllDirectories)
                .Where(file => ImageDecoder.Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))];
            Array.Sort(images, StringComparer.Ordinal);
            paths.AddRange(images);
            labels.AddRange(Enumerable.Repeat(c, images.Length));
        }
        if (paths.Count == 0)
            throw new InvalidDataException(
                $"{method}: the {classFolders.Length} class folders of '{root}' hold no images; expected files ending in " +
                $"{string.Join(", ", ImageDecoder.Extensions)}.");
        return new ImageFiles([.. paths], [.. labels], [.. classFolders.Select(Path.GetFileName)!], shape);
    }

    /// <summary>
    /// Reads the images listed in a CSV file with a header: one row per image, its path in
    /// <paramref name="pathColumn"/> (relative to the CSV file's folder, or absolute) and its class
    /// name in <paramref name="labelColumn"/>. Without <paramref name="classNames"/>, the classes are
    /// the distinct labels sorted (numerically when every label is an integer, ordinally
    /// otherwise), and a class's index is its position among them, as in Keras's
    /// <c>flow_from_dataframe</c>. Every listed file must exist.
    /// </summary>
    /// <param name="csvPath">The CSV file.</param>
    /// <param name="pathColumn">The header name of the column of image paths.</param>
    /// <param name="labelColumn">The header name of the column of class names.</param>
    /// <param name="sampleShape">[channels, height, width] of the model's input: 1 channel (grayscale) or 3 (RGB); every image must be height × width.</param>
    /// <param name="classNames">The classes in index order, when fixed in advance (so that a subset of the data keeps the same indices); a label not among them is a bad row.</param>
    /// <param name="separator">The separator between values.</param>
    /// <exception cref="CsvRowException">A row has the wrong number of columns, an empty path or label, a path to no file, or a label not among <paramref name="classNames"/>.</exception>
    public static ImageFiles FromCsv(string csvPath, string pathColumn, string labelColumn, ReadOnlySpan<int> sampleShape,
        IReadOnlyList<string>? classNames = null, char separator = ',')
    {
        const string method = "ImageFiles.FromCsv";
        ArgumentException.ThrowIfNullOrEmpty(pathColumn);
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        int[] shape = CheckShape(sampleShape, method);
        string folder = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;

        var paths = new List<string>();
        var labelTexts = new List<string>();
        var lines = new List<int>();
        int labelColumnNumber;
        using (SepReader reader = CsvFile.Open(csvPath, separator, method))
        {
            int[] columns = CsvFile.Find(reader, [pathColumn, labelColumn], csvPath, method);
            int columnCount = reader.Header.ColNames.Count;
            labelColumnNumber = columns[1] + 1;
            foreach (SepReader.Row row in reader)
            {
                if (row.ColCount != columnCount)
                    throw CsvFile.WrongColumnCount(csvPath, row, columnCount);
                string file = row[columns[0]].ToString();
                string label = row[columns[1]].ToString();
                if (file.Length == 0 || label.Length == 0)
                    throw new CsvRowException(csvPath, row.LineNumberFrom, file.Length == 0 ? pathColumn : labelColumn,
                        columns[file.Length == 0 ? 0 : 1] + 1, "", $"the {(file.Length == 0 ? "path" : "label")} is empty.");
                string path = Path.Combine(folder, file);
                if (!File.Exists(path))
                    throw new CsvRowException(csvPath, row.LineNumberFrom, pathColumn, columns[0] + 1, file,
                        $"image file '{path}' does not exist (paths are relative to the CSV file's folder).");
                paths.Add(path);
                labelTexts.Add(label);
                lines.Add(row.LineNumberFrom);
            }
        }
        if (paths.Count == 0)
            throw new InvalidDataException($"{method}: CSV file '{csvPath}' lists no images; expected one row per image.");

        string[] classes = classNames is null ? SortedClasses(labelTexts) : [.. classNames];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classes.Length; c++)
            if (!index.TryAdd(classes[c], c))
                throw new ArgumentException($"{method}: 'classNames' has '{classes[c]}' twice; expected distinct names.", nameof(classNames));
        var labels = new int[labelTexts.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!index.TryGetValue(labelTexts[i], out labels[i]))
                throw new CsvRowException(csvPath, lines[i], labelColumn, labelColumnNumber, labelTexts[i],
                    $"label '{labelTexts[i]}' is not one of the {classes.Length} classes given: {string.Join(", ", classes)}.");
        }
        return new ImageFiles([.. paths], labels, classes, shape);
    }

    /// <summary>The distinct labels, numerically sorted when all are integers, ordinally otherwise.</summary>
    private static string[] SortedClasses(List<string> labels)
    {
        string[] distinct = [.. labels.Distinct(StringComparer.Ordinal)];
        bool integers = distinct.All(label => long.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        return integers
            ? [.. distinct.OrderBy(label => long.Parse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
    }

    private static int[] CheckShape(ReadOnlySpan<int> sampleShape, string method)
    {
        if (sampleShape.Length != 3 || sampleShape[0] is not (1 or 3) || sampleShape[1] < 1 || sampleShape[2] < 1)
            throw new ArgumentException(
                $"{method}: 'sampleShape' is {ShapeText.Format(sampleShape)}; expected [channels, height, width] with 1 channel (grayscale) " +
                "or 3 (RGB) and a positive height and width.",
                nameof(sampleShape));
        return sampleShape.ToArray();
    }
}
