namespace Precast.Generator.Tests.Fuzzing;

/// <summary>
/// The shape oracle's rules for the convolutional layers, written from the user documentation
/// (docs/layers.md, the PC0026–PC0033 pages, the attributes' XML docs) and PyTorch's formulas, not
/// from the generator: along each axis a window spans <c>d·(k − 1) + 1</c> positions and gives
/// <c>⌊(in + before + after − span) / stride⌋ + 1</c> outputs (Padding.Same: ⌈in / stride⌉);
/// a transposed convolution gives <c>(in − 1)·s − before − after + d·(k − 1) + outputPad + 1</c>
/// (Same: in·s). Pooling strides default to the window and its padding must stay below it. Weights
/// are laid out as PyTorch's. Each error names the diagnostic it must give (PC0004 for a size or
/// stride below 1, PC0009 for a bad setting, PC0026–PC0033), and windows that never read the last
/// rows of the input proper (with the span at least the stride) give the warning PC0032. A 1-D
/// layer has no height settings, and Padding is Valid or Same (PC0009 otherwise).
/// </summary>
internal static class ConvolutionOracle
{
    private static readonly HashSet<string> s_kinds =
    [
        "Conv2D", "Conv1D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D", "MaxPool2D", "AvgPool2D", "MaxPool1D",
        "GlobalAvgPool2D", "GlobalMaxPool2D", "ZeroPadding2D", "Cropping2D", "UpSampling2D", "Reshape", "BatchNorm", "Dropout2D",
    ];

    public static bool Handles(string kind) => s_kinds.Contains(kind);

    /// <summary>The output of <paramref name="layer"/> on a sample of shape <paramref name="x"/>, or null with the error (and its ID) in <paramref name="facts"/>.</summary>
    public static int[]? Layer(AttributeDraft layer, int[] x, string path, NetworkFacts facts)
    {
        if (layer.Name == "Dropout2D")
            return x.Length >= 2 ? x : new Site(layer, path, facts).Fail("PC0031", "a vector");
        var args = new List<int>();
        foreach (string text in layer.Positional)
        {
            if (ShapeOracle.Evaluate(text) is not { } value)
                return ShapeOracle.Fail(facts, $"'{path}' has an argument the oracle cannot read: {text}");
            args.Add(value);
        }
        var at = new Site(layer, path, facts);
        return layer.Name switch
        {
            "Conv2D" => Convolution(at, x, filters: args[0], args[1], args.Count > 2 ? args[2] : args[1], oneDimensional: false),
            "Conv1D" => Convolution(at, x, filters: args[0], 1, args[1], oneDimensional: true),
            "Conv2DTranspose" => Transposed(at, x, args[0], args[1], args.Count > 2 ? args[2] : args[1]),
            "DepthwiseConv2D" => Depthwise(at, x, args[0], args.Count > 1 ? args[1] : args[0], bias: at.Bias, path),
            "SeparableConv2D" => Separable(at, x, args[0], args[1], args.Count > 2 ? args[2] : args[1]),
            "MaxPool2D" or "AvgPool2D" => Pool(at, x, args[0], args.Count > 1 ? args[1] : args[0], oneDimensional: false),
            "MaxPool1D" => Pool(at, x, 1, args[0], oneDimensional: true),
            "GlobalAvgPool2D" or "GlobalMaxPool2D" => x.Length == 3 ? [x[0]] : at.Fail("PC0031", $"{x.Length}-axis input"),
            "ZeroPadding2D" or "Cropping2D" => Border(at, x, args, crop: layer.Name == "Cropping2D"),
            "UpSampling2D" => UpSampling(at, x, args[0], args.Count > 1 ? args[1] : args[0]),
            "Reshape" => Reshape(at, x, args),
            "BatchNorm" => BatchNorm(at, x),
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Name, null),
        };
    }

    /// <summary>The layer being checked: its attribute, checkpoint path and the facts errors go to.</summary>
    private sealed record Site(AttributeDraft Layer, string Path, NetworkFacts Facts)
    {
        public int? Named(string key) => Layer.GetNamed(key) is { } text ? ShapeOracle.Evaluate(text) : null;

        public bool Same => Layer.GetNamed("Padding")?.EndsWith("Same", StringComparison.Ordinal) == true;

        public bool Bias => Layer.GetNamed("Bias") != "false";

        public int[]? Fail(string id, string why)
        {
            if (Facts.Error is null)
                Facts.ErrorId = id;
            return ShapeOracle.Fail(Facts, $"{Layer.Name} '{Path}': {why} ({id})");
        }

        public void Warn(string id) => Facts.Warnings.Add((id, Facts.Site ?? Layer));

        public void Parameter(string name, params int[] shape) => Facts.Parameters.Add(new(Path + "." + name, shape));
    }

    /// <summary>One axis of a window: its input, taps, stride, dilation and the padding on each side.</summary>
    private readonly record struct Axis(int Input, int Kernel, int Stride, int Dilation, int Before, int After, bool Same)
    {
        public long Span => (long)Dilation * (Kernel - 1) + 1;

        public long Padded => (long)Input + Before + After;
    }

    /// <summary>
    /// Reads the window settings of one axis (a per-axis value wins over the shared one, which wins
    /// over the default) and checks them; null after an error.
    /// </summary>
    private static Axis? ReadAxis(Site at, bool height, int input, int kernel, int defaultStride, bool pooling)
    {
        string strideKey = height ? "StrideHeight" : "StrideWidth", dilationKey = height ? "DilationHeight" : "DilationWidth";
        string beforeKey = height ? "PadTop" : "PadLeft", afterKey = height ? "PadBottom" : "PadRight";
        int stride = at.Named(strideKey) ?? at.Named("Stride") ?? defaultStride;
        int dilation = at.Named(dilationKey) ?? at.Named("Dilation") ?? 1;
        if (stride < 1 || dilation < 1)
            return Null(at.Fail("PC0004", $"stride {stride}, dilation {dilation}"));
        bool explicitPad = new[] { "Pad", "PadTop", "PadBottom", "PadLeft", "PadRight" }.Any(k => at.Layer.GetNamed(k) is not null);
        if (at.Same && explicitPad)
            return Null(at.Fail("PC0009", "Padding.Same with explicit padding"));
        if (at.Same)
            return new Axis(input, kernel, stride, dilation, 0, 0, Same: true);
        int before = at.Named(beforeKey) ?? at.Named("Pad") ?? 0, after = at.Named(afterKey) ?? at.Named("Pad") ?? 0;
        if (before < 0 || after < 0)
            return Null(at.Fail("PC0009", $"padding {before}, {after}"));
        if (pooling && (before >= kernel || after >= kernel))
            return Null(at.Fail("PC0009", $"padding {before}, {after} for a window of {kernel}"));
        return new Axis(input, kernel, stride, dilation, before, after, Same: false);
    }

    private static Axis? Null(int[]? failed) => null;

    /// <summary>Outputs along a sliding axis, or null after PC0026; adds PC0032 when the last input rows are never read.</summary>
    private static long? Slide(Site at, Axis a)
    {
        if (a.Same)
            return (a.Input + (long)a.Stride - 1) / a.Stride;
        if (a.Padded < a.Span)
        {
            at.Fail("PC0026", $"a window of {a.Span} on {a.Padded} padded positions");
            return null;
        }
        long left = (a.Padded - a.Span) % a.Stride;
        if (left > a.After && a.Span >= a.Stride)
            at.Warn("PC0032");
        return (a.Padded - a.Span) / a.Stride + 1;
    }

    /// <summary>Both axes of a 2-D window (the height is one row for a 1-D layer), or null after an error.</summary>
    private static (Axis Rows, Axis Columns)? Windows(Site at, int[] x, int kernelHeight, int kernelWidth, bool oneDimensional, bool pooling)
    {
        if (at.Layer.GetNamed("Padding") is { } padding && !padding.EndsWith("Same", StringComparison.Ordinal)
            && !padding.EndsWith("Valid", StringComparison.Ordinal) && !padding.EndsWith(")0", StringComparison.Ordinal))
        {
            at.Fail("PC0009", $"Padding = {padding}");
            return null;
        }
        string? heightSetting = new[] { "StrideHeight", "DilationHeight", "PadTop", "PadBottom" }.FirstOrDefault(k => at.Layer.GetNamed(k) is not null);
        if (oneDimensional && heightSetting is not null)
        {
            at.Fail("PC0009", $"{heightSetting} on a 1-D layer");
            return null;
        }
        // A 1-D layer has no height: one row, no padding, no stride along it.
        Axis? rows = oneDimensional
            ? new Axis(1, 1, 1, 1, 0, 0, Same: false)
            : ReadAxis(at, height: true, x[1], kernelHeight, pooling ? kernelHeight : 1, pooling);
        Axis? columns = rows is null ? null : ReadAxis(at, height: false, x[^1], kernelWidth, pooling ? kernelWidth : 1, pooling);
        if (rows is null || columns is null)
            return null;
        return (rows.Value, columns.Value);
    }

    /// <summary>The output rows and columns of a sliding window, or null after an error.</summary>
    private static (int Height, int Width)? Outputs(Site at, int[] x, int kernelHeight, int kernelWidth, bool oneDimensional, bool pooling)
    {
        if (Windows(at, x, kernelHeight, kernelWidth, oneDimensional, pooling) is not var (rows, columns))
            return null;
        long? height = Slide(at, rows);
        long? width = height is null ? null : Slide(at, columns);
        return height is null || width is null ? null : ((int)height, (int)width);
    }

    /// <summary>What a convolution with filters checks first: the rank, the sizes, the groups. Returns the groups, or null after an error.</summary>
    private static int? Filters(Site at, int[] x, int rank, int filters, int kernelHeight, int kernelWidth)
    {
        int groups = at.Named("Groups") ?? 1;
        int[]? failed = x.Length != rank ? at.Fail("PC0031", $"{x.Length}-axis input")
            : filters < 1 || kernelHeight < 1 || kernelWidth < 1 || groups < 1 ? at.Fail("PC0004", $"filters {filters}, kernel {kernelHeight}×{kernelWidth}, groups {groups}")
            : x[0] % groups != 0 || filters % groups != 0 ? at.Fail("PC0028", $"{x[0]} channels, {filters} filters, {groups} groups")
            : x;
        return failed is null ? null : groups;
    }

    private static int[]? Convolution(Site at, int[] x, int filters, int kernelHeight, int kernelWidth, bool oneDimensional)
    {
        if (Filters(at, x, oneDimensional ? 2 : 3, filters, kernelHeight, kernelWidth) is not { } groups)
            return null;
        if (Outputs(at, x, kernelHeight, kernelWidth, oneDimensional, pooling: false) is not var (height, width))
            return null;
        if (oneDimensional)
            at.Parameter("weight", filters, x[0] / groups, kernelWidth);
        else
            at.Parameter("weight", filters, x[0] / groups, kernelHeight, kernelWidth);
        if (at.Bias)
            at.Parameter("bias", filters);
        return oneDimensional ? [filters, width] : [filters, height, width];
    }

    private static int[]? Transposed(Site at, int[] x, int filters, int kernelHeight, int kernelWidth)
    {
        if (Filters(at, x, 3, filters, kernelHeight, kernelWidth) is not { } groups)
            return null;
        if (Windows(at, x, kernelHeight, kernelWidth, oneDimensional: false, pooling: false) is not var (rows, columns))
            return null;
        int outputPad = at.Named("OutputPad") ?? 0;
        var sizes = new List<int>();
        foreach (Axis a in new[] { rows, columns })
        {
            if (a.Same)
            {
                sizes.Add(a.Input * a.Stride);
                continue;
            }
            if (outputPad < 0 || outputPad >= Math.Max(a.Stride, a.Dilation))
                return at.Fail("PC0009", $"OutputPad {outputPad} with stride {a.Stride}, dilation {a.Dilation}");
            long size = (a.Input - 1L) * a.Stride - a.Before - a.After + a.Span + outputPad;
            if (size < 1)
                return at.Fail("PC0027", $"{size} outputs");
            sizes.Add((int)size);
        }
        at.Parameter("weight", x[0], filters / groups, kernelHeight, kernelWidth);
        if (at.Bias)
            at.Parameter("bias", filters);
        return [filters, sizes[0], sizes[1]];
    }

    private static int[]? Depthwise(Site at, int[] x, int kernelHeight, int kernelWidth, bool bias, string path)
    {
        if (x.Length != 3)
            return at.Fail("PC0031", $"{x.Length}-axis input");
        int multiplier = at.Named("DepthMultiplier") ?? 1;
        if (kernelHeight < 1 || kernelWidth < 1 || multiplier < 1)
            return at.Fail("PC0004", $"kernel {kernelHeight}×{kernelWidth}, multiplier {multiplier}");
        if (Outputs(at, x, kernelHeight, kernelWidth, oneDimensional: false, pooling: false) is not var (height, width))
            return null;
        int channels = x[0] * multiplier;
        at.Facts.Parameters.Add(new(path + ".weight", [channels, 1, kernelHeight, kernelWidth]));
        if (bias)
            at.Facts.Parameters.Add(new(path + ".bias", [channels]));
        return [channels, height, width];
    }

    /// <summary>Keras's separable convolution: a depthwise step (no bias) then a 1×1 pointwise one, two nodes named Depthwise and Pointwise.</summary>
    private static int[]? Separable(Site at, int[] x, int filters, int kernelHeight, int kernelWidth)
    {
        int[]? spread = Depthwise(at, x, kernelHeight, kernelWidth, bias: false, at.Path + ".Depthwise");
        if (spread is null || !ShapeOracle.Count(at.Facts, 1))
            return null;
        // The filters are the pointwise step's: checked after the depthwise one.
        if (filters < 1)
            return at.Fail("PC0004", $"filters {filters}");
        at.Facts.Parameters.Add(new(at.Path + ".Pointwise.weight", [filters, spread[0], 1, 1]));
        if (at.Bias)
            at.Facts.Parameters.Add(new(at.Path + ".Pointwise.bias", [filters]));
        return [filters, spread[1], spread[2]];
    }

    private static int[]? Pool(Site at, int[] x, int windowHeight, int windowWidth, bool oneDimensional)
    {
        if (x.Length != (oneDimensional ? 2 : 3))
            return at.Fail("PC0031", $"{x.Length}-axis input");
        if (windowHeight < 1 || windowWidth < 1)
            return at.Fail("PC0004", $"window {windowHeight}×{windowWidth}");
        if (Outputs(at, x, windowHeight, windowWidth, oneDimensional, pooling: true) is not var (height, width))
            return null;
        return oneDimensional ? [x[0], width] : [x[0], height, width];
    }

    private static int[]? Border(Site at, int[] x, List<int> args, bool crop)
    {
        if (x.Length != 3)
            return at.Fail("PC0031", $"{x.Length}-axis input");
        int[] sides = args.Count switch
        {
            1 => [args[0], args[0], args[0], args[0]],
            2 => [args[0], args[0], args[1], args[1]],
            _ => [args[0], args[1], args[2], args[3]],
        };
        if (sides.Any(s => s < 0))
            return at.Fail("PC0009", $"sides {string.Join(", ", sides)}");
        int sign = crop ? -1 : 1;
        long height = x[1] + sign * ((long)sides[0] + sides[1]), width = x[2] + sign * ((long)sides[2] + sides[3]);
        if (height < 1 || width < 1)
            return at.Fail("PC0029", $"{height}×{width} left");
        return [x[0], (int)height, (int)width];
    }

    private static int[]? UpSampling(Site at, int[] x, int factorHeight, int factorWidth)
    {
        if (x.Length != 3)
            return at.Fail("PC0031", $"{x.Length}-axis input");
        if (factorHeight < 1 || factorWidth < 1)
            return at.Fail("PC0004", $"factors {factorHeight}, {factorWidth}");
        return [x[0], x[1] * factorHeight, x[2] * factorWidth];
    }

    private static int[]? Reshape(Site at, int[] x, List<int> target)
    {
        long values = x.Aggregate(1L, (a, b) => a * b);
        int inferred = target.Count(d => d == -1);
        if (inferred > 1)
            return at.Fail("PC0033", "two −1s");
        if (target.Any(d => d != -1 && d < 1))
            return at.Fail("PC0004", $"dimension {target.First(d => d != -1 && d < 1)}");
        long known = target.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        if (inferred == 0 ? known != values : values % known != 0)
            return at.Fail("PC0033", $"{values} values into {ShapeOracle.Show(target)}");
        return [.. target.Select(d => d == -1 ? (int)(values / known) : d)];
    }

    private static int[]? BatchNorm(Site at, int[] x)
    {
        if (x.Length > 3)
            return at.Fail("PC0030", $"{x.Length}-axis input");
        at.Parameter("weight", x[0]);
        at.Parameter("bias", x[0]);
        return x;
    }
}
