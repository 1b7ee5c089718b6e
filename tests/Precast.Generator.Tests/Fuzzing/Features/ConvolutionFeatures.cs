namespace Precast.Generator.Tests.Fuzzing.Features;

/// <summary>
/// The convolutional layers: networks on images ([C, H, W]) and sequences ([C, L]) with every
/// option the attributes have (square or H×W kernels, a stride per axis, Padding.Valid/Same or
/// explicit padding per side, dilation, groups, bias, pooling padding, crop and pad sizes,
/// upsampling, Reshape with −1, BatchNorm on [C, H, W], [C, L] and [D], Dropout2D), the pieces
/// compositions use on images (a "same" convolution for residual blocks, a convolution to another
/// channel count for Concat's branches and projections, squeeze-and-excitation for Scale), and
/// faults that must give one Precast diagnostic on the layer at fault. Each layer kind is one
/// writer that picks random arguments; the <see cref="ShapeOracle"/> (its convolution rules are
/// <see cref="ConvolutionOracle"/>) keeps the ones that fit.
/// </summary>
internal static class ConvolutionFeatures
{
    /// <summary>The share of valid models whose input is an image or a sequence.</summary>
    public const double ImageShare = 0.3;

    /// <summary>The largest axis and sample a valid layer may produce: small sizes keep the programs quick to compile.</summary>
    private const int MaxAxis = 40, MaxValues = 4096;

    private sealed record LayerKind(string Name, double Weight, Func<int[], bool> Fits, Func<FuzzContext, int[], AttributeDraft> Write);

    private static readonly LayerKind[] s_kinds =
    [
        new("Conv2D", 8, Image, Conv2D),
        new("Conv1D", 6, Sequence, Conv1D),
        new("Conv2DTranspose", 3, Image, Conv2DTranspose),
        new("DepthwiseConv2D", 3, Image, DepthwiseConv2D),
        new("SeparableConv2D", 3, Image, SeparableConv2D),
        new("MaxPool2D", 3, Image, (ctx, x) => Pool2D(ctx, x, "MaxPool2D")),
        new("AvgPool2D", 3, Image, (ctx, x) => Pool2D(ctx, x, "AvgPool2D")),
        new("MaxPool1D", 3, Sequence, MaxPool1D),
        new("GlobalPool2D", 1.5, Image, GlobalPool),
        new("ZeroPadding2D", 2, Image, (ctx, x) => Border(ctx, x, "ZeroPadding2D")),
        new("Cropping2D", 2, x => Image(x) && (x[1] > 2 || x[2] > 2), (ctx, x) => Border(ctx, x, "Cropping2D")),
        new("UpSampling2D", 1.5, x => Image(x) && x[1] * x[2] <= 64, UpSampling2D),
        new("Reshape", 2, _ => true, Reshape),
        new("BatchNorm", 4, x => x.Length <= 3, BatchNorm),
        new("Dropout2D", 2, x => x.Length >= 2, Dropout2D),
    ];

    private static bool Image(int[] x) => x.Length == 3;

    private static bool Sequence(int[] x) => x.Length == 2;

    /// <summary>A model input for a convolutional network: [C, H, W] mostly, else [C, L].</summary>
    public static List<int> Input(FuzzContext ctx) => ctx.Chance(0.7)
        ? [ctx.Weighted((3, 1), (2, 2), (3, 3), (1, 4)), ctx.Between(2, 12), ctx.Between(2, 12)]
        : [ctx.Between(1, 4), ctx.Between(3, 16)];

    // ───────────────────────────── valid layers ─────────────────────────────

    /// <summary>
    /// Appends a valid convolutional layer for <paramref name="shape"/> (which it updates); false
    /// when none was found. With <paramref name="allowWarning"/>, the windows may skip the last
    /// rows of the input (PC0032, a warning the model must then get on that layer).
    /// </summary>
    public static bool AddLayer(FuzzContext ctx, NetworkDraft net, List<int> shape, string? className, bool allowWarning = false) =>
        Add(ctx, net, shape, className, s_kinds.Where(k => k.Fits([.. shape])).ToArray(), fits: null, allowWarning);

    /// <summary>A layer that keeps an image's shape: a "same" convolution, depthwise or separable, BatchNorm, Dropout2D.</summary>
    public static bool AddPreserving(FuzzContext ctx, NetworkDraft net, List<int> shape)
    {
        int[] x = [.. shape];
        LayerKind[] kinds =
        [
            new("Conv2D", 4, Image, (c, _) => SameConvolution(c, x, "Conv2D", x[0])),
            new("SeparableConv2D", 1, Image, (c, _) => SameConvolution(c, x, "SeparableConv2D", x[0])),
            new("DepthwiseConv2D", 1, Image, (c, _) => SameConvolution(c, x, "DepthwiseConv2D", x[0])),
            new("BatchNorm", 2, Image, BatchNorm),
            new("Dropout2D", 1, Image, Dropout2D),
        ];
        return Add(ctx, net, shape, null, kinds, fits: o => o.SequenceEqual(x), allowWarning: false);
    }

    /// <summary>A layer from an image to <paramref name="channels"/> channels of the same size (Concat's branches, a Residual's projection).</summary>
    public static bool AddToChannels(FuzzContext ctx, NetworkDraft net, List<int> shape, int channels)
    {
        int[] x = [.. shape];
        LayerKind[] kinds =
        [
            new("Conv2D", 4, Image, (c, _) => SameConvolution(c, x, "Conv2D", channels)),
            new("SeparableConv2D", 1, Image, (c, _) => SameConvolution(c, x, "SeparableConv2D", channels)),
            new("Conv2DTranspose", 1, Image, (c, _) => SameConvolution(c, x, "Conv2DTranspose", channels)),
        ];
        int[] target = [channels, x[1], x[2]];
        return Add(ctx, net, shape, null, kinds, fits: o => o.SequenceEqual(target), allowWarning: false);
    }

    /// <summary>Squeeze-and-excitation's gate on an image: a global pooling to [C], a bottleneck Dense, Dense back to C.</summary>
    public static void SqueezeExcite(FuzzContext ctx, NetworkDraft net, List<int> shape)
    {
        int channels = shape[0];
        net.Layers.Add(new AttributeDraft(ctx.Pick("GlobalAvgPool2D", "GlobalMaxPool2D")));
        shape.RemoveRange(1, shape.Count - 1);
        NetworkFeatures.AddDense(ctx, net, shape, Math.Max(1, channels / ctx.Between(1, 4)), keepRank: true);
        NetworkFeatures.AddLayer(ctx, net, shape, "Relu");
        NetworkFeatures.AddDense(ctx, net, shape, channels, keepRank: true);
    }

    private static bool Add(FuzzContext ctx, NetworkDraft net, List<int> shape, string? className, LayerKind[] kinds, Func<int[], bool>? fits, bool allowWarning)
    {
        if (kinds.Length == 0)
            return false;
        int[] x = [.. shape];
        for (int attempt = 0; attempt < 10; attempt++)
        {
            LayerKind kind = ctx.Weighted(kinds.Select(k => (k.Weight, k)).ToArray());
            AttributeDraft layer = kind.Write(ctx, x);
            NetworkFacts facts = ShapeOracle.Run([layer], x);
            bool clean = allowWarning ? facts.IsValid : facts.IsClean;
            if (!clean || !Small(facts.Output!) || (fits is not null && !fits(facts.Output!)))
                continue;
            layer.LongName = ctx.Chance(0.05);
            if (layer.Positional.Count == 0 && layer.Named.Count == 0)
                layer.EmptyParentheses = ctx.Chance(0.1);
            NetworkFeatures.MaybeName(ctx, net, layer, className);
            net.Layers.Add(layer);
            shape.Clear();
            shape.AddRange(facts.Output!);
            return true;
        }
        return false;
    }

    private static bool Small(int[] shape) => shape.All(d => d <= MaxAxis) && shape.Aggregate(1L, (a, b) => a * b) <= MaxValues;

    // ───────────────────────────── one writer per layer kind ─────────────────────────────

    private static AttributeDraft Conv2D(FuzzContext ctx, int[] x) =>
        Convolution(ctx, x, "Conv2D", mostFilters: 8, [x[1], x[2]]);

    private static AttributeDraft Conv1D(FuzzContext ctx, int[] x) =>
        Convolution(ctx, x, "Conv1D", mostFilters: 8, [x[1]]);

    private static AttributeDraft Conv2DTranspose(FuzzContext ctx, int[] x)
    {
        AttributeDraft layer = Convolution(ctx, x, "Conv2DTranspose", mostFilters: 6, [4, 4]);
        if (layer.GetNamed("Padding") is null && ctx.Chance(0.3))
            layer.SetNamed("OutputPad", ctx.Int(ctx.Between(0, 2)));
        return layer;
    }

    /// <summary>
    /// A convolution with filters: Groups now and then (dividing the channels and the filters), a
    /// kernel for each axis of <paramref name="kernelLimits"/> (one size for a 2-D square kernel,
    /// mostly), the window settings and the weights' options.
    /// </summary>
    private static AttributeDraft Convolution(FuzzContext ctx, int[] x, string kind, int mostFilters, int[] kernelLimits)
    {
        var layer = new AttributeDraft(kind);
        int groups = ctx.Chance(0.2) ? Divisor(ctx, x[0]) : 1;
        layer.Positional.Add(ctx.Int(groups * ctx.Between(1, Math.Max(1, mostFilters / groups))));
        int[] limits = kernelLimits;
        if (limits.Length == 1)
            layer.Positional.Add(ctx.Int(KernelSize(ctx, limits[0])));
        else
            Kernel(ctx, layer, limits[0], limits[1]);
        if (groups > 1 || ctx.Chance(0.05))
            layer.SetNamed("Groups", ctx.Int(groups));
        Window(ctx, layer, oneDimensional: limits.Length == 1, convolution: true);
        Weights(ctx, layer);
        return layer;
    }

    private static AttributeDraft DepthwiseConv2D(FuzzContext ctx, int[] x)
    {
        var layer = new AttributeDraft("DepthwiseConv2D");
        Kernel(ctx, layer, x[1], x[2]);
        if (ctx.Chance(0.3))
            layer.SetNamed("DepthMultiplier", ctx.Int(ctx.Between(1, 3)));
        Window(ctx, layer, oneDimensional: false, convolution: true);
        Weights(ctx, layer);
        return layer;
    }

    private static AttributeDraft SeparableConv2D(FuzzContext ctx, int[] x)
    {
        var layer = new AttributeDraft("SeparableConv2D");
        layer.Positional.Add(ctx.Int(ctx.Between(1, 8)));
        Kernel(ctx, layer, x[1], x[2]);
        if (ctx.Chance(0.3))
            layer.SetNamed("DepthMultiplier", ctx.Int(ctx.Between(1, 2)));
        Window(ctx, layer, oneDimensional: false, convolution: true);
        Weights(ctx, layer);
        return layer;
    }

    private static AttributeDraft Pool2D(FuzzContext ctx, int[] x, string kind)
    {
        var layer = new AttributeDraft(kind);
        Kernel(ctx, layer, Math.Min(x[1], 3), Math.Min(x[2], 3));
        Window(ctx, layer, oneDimensional: false, convolution: false);
        return layer;
    }

    private static AttributeDraft MaxPool1D(FuzzContext ctx, int[] x)
    {
        var layer = new AttributeDraft("MaxPool1D");
        layer.Positional.Add(ctx.Int(KernelSize(ctx, Math.Min(x[1], 4))));
        Window(ctx, layer, oneDimensional: true, convolution: false);
        return layer;
    }

    private static AttributeDraft GlobalPool(FuzzContext ctx, int[] x) => new(ctx.Pick("GlobalAvgPool2D", "GlobalMaxPool2D"));

    /// <summary>ZeroPadding2D or Cropping2D with one size for every side, one per axis, or four.</summary>
    private static AttributeDraft Border(FuzzContext ctx, int[] x, string kind)
    {
        var layer = new AttributeDraft(kind);
        // Which axis each argument is about (0: both); a crop leaves at least one row and column.
        int[] axes = ctx.Pick<int[]>([0], [1, 2], [1, 1, 2, 2]);
        foreach (int axis in axes)
        {
            int size = axis == 0 ? Math.Min(x[1], x[2]) : x[axis];
            layer.Positional.Add(ctx.Int(ctx.Between(0, kind == "Cropping2D" ? (size - 1) / 2 : 2)));
        }
        return layer;
    }

    private static AttributeDraft UpSampling2D(FuzzContext ctx, int[] x)
    {
        var layer = new AttributeDraft("UpSampling2D");
        layer.Positional.Add(ctx.Int(ctx.Between(1, 3)));
        if (ctx.Chance(0.4))
            layer.Positional.Add(ctx.Int(ctx.Between(1, 3)));
        return layer;
    }

    /// <summary>Reshape to one, two or three axes whose product is the input's size, one of them maybe −1.</summary>
    private static AttributeDraft Reshape(FuzzContext ctx, int[] x)
    {
        int values = x.Aggregate(1, (a, b) => a * b);
        var target = new List<int>();
        int rest = values;
        int rank = ctx.Weighted((1, 1), (2, 2), (4, 3));
        for (int axis = 0; axis < rank - 1; axis++)
        {
            int d = Divisor(ctx, rest);
            target.Add(d);
            rest /= d;
        }
        target.Add(rest);
        target = [.. target.OrderBy(_ => ctx.Random.Next())];
        if (ctx.Chance(0.4))
            target[ctx.Between(0, target.Count - 1)] = -1;
        var layer = new AttributeDraft("Reshape");
        layer.Positional.AddRange(target.Select(d => d < 0 ? "-1" : ctx.Int(d)));
        return layer;
    }

    private static AttributeDraft BatchNorm(FuzzContext ctx, int[] x)
    {
        var layer = new AttributeDraft("BatchNorm");
        if (ctx.Chance(0.2))
            layer.SetNamed("Momentum", ctx.Pick("0.1", "0", "1", "0.01"));
        if (ctx.Chance(0.2))
            layer.SetNamed("Epsilon", ctx.Pick("1e-5", "0.001", "1e-3"));
        return layer;
    }

    private static AttributeDraft Dropout2D(FuzzContext ctx, int[] x)
    {
        var layer = new AttributeDraft("Dropout2D");
        layer.Positional.Add(ctx.Pick("0.5", "0.25", "0", "0.1"));
        return layer;
    }

    /// <summary>A stride-1 convolution whose padding keeps the size: Padding.Same, or Pad = d·(k − 1)/2 for an odd k.</summary>
    private static AttributeDraft SameConvolution(FuzzContext ctx, int[] x, string kind, int filters)
    {
        var layer = new AttributeDraft(kind);
        if (kind != "DepthwiseConv2D")
            layer.Positional.Add(ctx.Int(filters));
        int k = ctx.Pick(1, 3, 3, 5);
        layer.Positional.Add(ctx.Int(k));
        if (kind == "Conv2DTranspose" || ctx.Chance(0.6))
        {
            layer.SetNamed("Padding", "{P}Padding.Same");
        }
        else
        {
            int dilation = ctx.Chance(0.2) ? 2 : 1;
            if (dilation > 1)
                layer.SetNamed("Dilation", ctx.Int(dilation));
            layer.SetNamed("Pad", ctx.Int(dilation * (k - 1) / 2));
        }
        Weights(ctx, layer);
        return layer;
    }

    // ───────────────────────────── options ─────────────────────────────

    /// <summary>A square kernel (one argument) or kernelHeight, kernelWidth, mostly no larger than the input.</summary>
    private static void Kernel(FuzzContext ctx, AttributeDraft layer, int height, int width)
    {
        int kh = KernelSize(ctx, height);
        layer.Positional.Add(ctx.Int(kh));
        if (ctx.Chance(0.35))
            layer.Positional.Add(ctx.Int(KernelSize(ctx, width)));
    }

    private static int KernelSize(FuzzContext ctx, int input) =>
        ctx.Weighted((5, ctx.Between(1, Math.Max(1, Math.Min(input, 3)))), (1, ctx.Between(1, Math.Max(1, Math.Min(input + 2, 5)))));

    /// <summary>Stride (shared or per axis), padding (Valid, Same, shared or per side) and, for convolutions, dilation.</summary>
    private static void Window(FuzzContext ctx, AttributeDraft layer, bool oneDimensional, bool convolution)
    {
        double roll = ctx.Random.NextDouble();
        if (roll < 0.3)
        {
            layer.SetNamed("Stride", ctx.Int(ctx.Between(1, 3)));
        }
        else if (roll < 0.45 && !oneDimensional)
        {
            layer.SetNamed(ctx.Pick("StrideHeight", "StrideWidth"), ctx.Int(ctx.Between(1, 3)));
            if (ctx.Chance(0.5))
                layer.SetNamed(ctx.Chance(0.5) ? "StrideWidth" : "Stride", ctx.Int(ctx.Between(1, 3)));
        }
        else if (roll < 0.5)
        {
            layer.SetNamed(oneDimensional ? "StrideWidth" : "Stride", "1");
        }

        roll = ctx.Random.NextDouble();
        if (roll < 0.25)
        {
            layer.SetNamed("Padding", "{P}Padding.Same");
        }
        else if (roll < 0.45)
        {
            layer.SetNamed("Pad", ctx.Int(ctx.Between(0, 2)));
        }
        else if (roll < 0.6)
        {
            string[] sides = oneDimensional ? ["PadLeft", "PadRight"] : ["PadTop", "PadBottom", "PadLeft", "PadRight"];
            foreach (string side in sides.Where(_ => ctx.Chance(0.6)))
                layer.SetNamed(side, ctx.Int(ctx.Between(0, 2)));
            if (ctx.Chance(0.3))
                layer.SetNamed("Pad", ctx.Int(ctx.Between(0, 1)));
        }
        else if (roll < 0.65)
        {
            layer.SetNamed("Padding", ctx.Pick("{P}Padding.Valid", "({P}Padding)0"));
        }

        if (convolution && ctx.Chance(0.2))
        {
            if (oneDimensional || ctx.Chance(0.6))
                layer.SetNamed(oneDimensional && ctx.Chance(0.5) ? "DilationWidth" : "Dilation", ctx.Int(ctx.Between(1, 3)));
            else
                layer.SetNamed(ctx.Pick("DilationHeight", "DilationWidth"), ctx.Int(ctx.Between(1, 3)));
        }
    }

    /// <summary>Bias and Initializer, now and then.</summary>
    private static void Weights(FuzzContext ctx, AttributeDraft layer)
    {
        if (ctx.Chance(0.25))
            layer.SetNamed("Bias", ctx.Pick("true", "false"));
        if (ctx.Chance(0.15))
            layer.SetNamed("Initializer", "{P}Initializer." + ctx.Pick("Auto", "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal"));
    }

    // ───────────────────────────── faults: NetworkInvalid ─────────────────────────────

    public static readonly Feature<ModelDraft>[] Faults =
    [
        new("conv: window larger than the padded input", 3, WindowTooLarge),
        new("conv: stride or dilation below 1", 2, StrideBelowOne),
        new("conv: size argument below 1", 2, SizeBelowOne),
        new("conv: negative padding", 2, NegativePadding),
        new("conv: Padding.Same with explicit padding", 1, SameWithPad),
        new("conv: undefined Padding value", 1, UndefinedPadding),
        new("conv: a height setting on a 1-D layer", 1, HeightOnOneDimensional),
        new("conv: pooling padding not below the window", 1, PoolPadNotBelowWindow),
        new("conv: transposed output not positive", 1.5, TransposedOutputNotPositive),
        new("conv: OutputPad not below the stride", 1, OutputPadNotBelowStride),
        new("conv: channels not divisible by the groups", 2, GroupsDoNotDivide),
        new("conv: crop larger than the input", 1.5, CropTooLarge),
        new("conv: BatchNorm on a rank-4 sample", 1.5, BatchNormOnRankFour),
        new("conv: layer on the wrong rank", 3, WrongRank),
        new("conv: Reshape to another number of values", 1.5, ReshapeMismatch),
    ];

    /// <summary>
    /// A place in the model's layers where a sample of <paramref name="rank"/> axes arrives: one in
    /// its valid network (after convolutions, compositions, ...), or else the network is rewritten
    /// as a small convolutional one on a new input and the place is its end. Returns the index and the shape there.
    /// </summary>
    private static (int Index, int[] Shape) At(FuzzContext ctx, ModelDraft model, int rank)
    {
        NetworkDraft net = model.Network;
        // A network at the 4,096-layer limit cannot take one more layer: it would be too large (PC0025) before it is wrong.
        if (ctx.Chance(0.7) && ShapeOracle.Run(net.Layers, net.Input).Nodes < ShapeOracle.MaxNodes - 4)
        {
            var places = new List<(int, int[])>();
            for (int k = 0; k <= net.Layers.Count; k++)
            {
                NetworkFacts facts = ShapeOracle.Run(net.Layers.Take(k).ToList(), net.Input);
                if (facts.IsValid && facts.Output!.Length == rank && facts.Output.All(d => d >= 2))
                    places.Add((k, facts.Output));
            }
            if (places.Count > 0)
                return ctx.Pick(places.ToArray());
        }
        net.Layers.Clear();
        net.Names.Clear();
        net.LossPosition = null;
        net.Input = rank switch
        {
            1 => [ctx.Between(2, 12)],
            2 => [ctx.Between(1, 4), ctx.Between(3, 12)],
            3 => [ctx.Between(1, 4), ctx.Between(3, 10), ctx.Between(3, 10)],
            _ => [ctx.Between(2, 3), ctx.Between(2, 3), ctx.Between(2, 4), ctx.Between(2, 4)],
        };
        net.Model.SetNamed("Input", NetworkFeatures.IntArray(ctx, net.Input));
        net.InputKnown = true;
        var shape = new List<int>(net.Input);
        for (int i = ctx.Between(0, 2); i > 0 && rank <= 3; i--)
        {
            if (!(rank == 3 ? AddPreserving(ctx, net, shape) : Add(ctx, net, shape, null, [new("BatchNorm", 1, _ => true, BatchNorm)], null, allowWarning: false)))
                break;
        }
        int index = net.Layers.Count;
        // What follows the fault fits any loss, were the fault fixed.
        net.Layers.Add(new AttributeDraft("Flatten"));
        var dense = new AttributeDraft("Dense");
        dense.Positional.Add("3");
        net.Layers.Add(dense);
        return (index, [.. shape]);
    }

    /// <summary>
    /// Puts the broken <paramref name="layer"/> at <paramref name="index"/> and records that the
    /// model must get <paramref name="id"/> on it; the shape oracle must agree, or the fuzzer is wrong.
    /// </summary>
    private static void Break(ModelDraft model, int index, AttributeDraft layer, string id, string description)
    {
        NetworkDraft net = model.Network;
        NetworkFacts facts = ShapeOracle.Run([.. net.Layers.Take(index), layer], net.Input);
        if (facts.ErrorId != id)
            throw new InvalidOperationException($"The fuzzer meant {id} for {layer} but its shape oracle says {facts.ErrorId ?? "nothing"}: {facts.Error}");
        net.Layers.Insert(index, layer);
        model.FaultSites.Add(layer);
        model.ExpectedIds.Add(id);
        model.Fault(Intent.NetworkInvalid, $"conv: {description} ({id})");
    }

    /// <summary>A valid layer of one of <paramref name="kinds"/> for <paramref name="x"/>, to break one setting of.</summary>
    private static AttributeDraft Valid(FuzzContext ctx, int[] x, params string[] kinds)
    {
        LayerKind[] candidates = s_kinds.Where(k => kinds.Contains(k.Name) && k.Fits(x)).ToArray();
        for (int attempt = 0; attempt < 20; attempt++)
        {
            AttributeDraft layer = ctx.Pick(candidates).Write(ctx, x);
            if (ShapeOracle.Run([layer], x).IsValid)
                return layer;
        }
        var fallback = new AttributeDraft(x.Length == 3 ? "Conv2D" : "Conv1D");
        fallback.Positional.AddRange(["2", "1"]);
        return fallback;
    }

    private static void WindowTooLarge(FuzzContext ctx, ModelDraft model)
    {
        bool oneDimensional = ctx.Chance(0.25);
        (int index, int[] x) = At(ctx, model, oneDimensional ? 2 : 3);
        string kind = oneDimensional ? ctx.Pick("Conv1D", "MaxPool1D") : ctx.Pick("Conv2D", "MaxPool2D", "AvgPool2D", "DepthwiseConv2D", "SeparableConv2D");
        var layer = new AttributeDraft(kind);
        if (kind is "Conv2D" or "Conv1D" or "SeparableConv2D")
            layer.Positional.Add(ctx.Int(ctx.Between(1, 4)));
        int pad = kind.Contains("Pool", StringComparison.Ordinal) ? 0 : ctx.Between(0, 1);
        int axis = oneDimensional ? 1 : ctx.Between(1, 2);
        bool dilated = !kind.Contains("Pool", StringComparison.Ordinal) && ctx.Chance(0.3);
        // Too large along one axis: the padded input has fewer positions than the window spans.
        int span = x[axis] + 2 * pad + ctx.Between(1, 3);
        int kernel = dilated ? 2 : span;
        if (oneDimensional)
        {
            layer.Positional.Add(ctx.Int(kernel));
        }
        else
        {
            int other = 1;
            layer.Positional.Add(ctx.Int(axis == 1 ? kernel : other));
            layer.Positional.Add(ctx.Int(axis == 2 ? kernel : other));
        }
        if (dilated)
            layer.SetNamed(oneDimensional ? "Dilation" : axis == 1 ? "DilationHeight" : "DilationWidth", ctx.Int(span - 1));
        if (pad > 0)
            layer.SetNamed("Pad", ctx.Int(pad));
        Break(model, index, layer, "PC0026", $"{kind} window of {span} on {x[axis]} + {2 * pad} positions");
    }

    private static void StrideBelowOne(FuzzContext ctx, ModelDraft model)
    {
        bool oneDimensional = ctx.Chance(0.25);
        (int index, int[] x) = At(ctx, model, oneDimensional ? 2 : 3);
        AttributeDraft layer = oneDimensional ? Valid(ctx, x, "Conv1D", "MaxPool1D") : Valid(ctx, x, "Conv2D", "MaxPool2D", "AvgPool2D", "DepthwiseConv2D", "Conv2DTranspose");
        bool pooling = layer.Name.Contains("Pool", StringComparison.Ordinal);
        string setting = oneDimensional
            ? ctx.Pick(pooling ? ["Stride", "StrideWidth"] : new[] { "Stride", "Dilation", "DilationWidth" })
            : ctx.Pick(pooling ? ["Stride", "StrideHeight", "StrideWidth"] : new[] { "Stride", "StrideHeight", "StrideWidth", "Dilation", "DilationHeight", "DilationWidth" });
        string value = ctx.Pick("0", "-1", "-2");
        // A per-axis value wins over the shared one: a broken Stride must not be overridden on both axes.
        if (setting is "Stride" or "Dilation")
            layer.Named.RemoveAll(p => p.Key.StartsWith(setting, StringComparison.Ordinal));
        layer.SetNamed(setting, value);
        Break(model, index, layer, "PC0004", $"{layer.Name}({setting} = {value})");
    }

    private static void SizeBelowOne(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 3);
        string value = ctx.Pick("0", "-1", "-3");
        AttributeDraft layer = Valid(ctx, x, "Conv2D", "SeparableConv2D", "Conv2DTranspose", "MaxPool2D", "UpSampling2D", "DepthwiseConv2D");
        int position = ctx.Between(0, layer.Positional.Count - 1);
        string what = layer.Name + " argument " + position;
        if (layer.Name is "Conv2D" or "Conv2DTranspose" && ctx.Chance(0.2))
        {
            layer.SetNamed("Groups", value);
            what = layer.Name + " Groups";
        }
        else if (layer.Name == "DepthwiseConv2D" && ctx.Chance(0.3))
        {
            layer.SetNamed("DepthMultiplier", value);
            what = "DepthwiseConv2D DepthMultiplier";
        }
        else
        {
            layer.Positional[position] = value;
        }
        Break(model, index, layer, "PC0004", $"{what} = {value}");
    }

    private static void NegativePadding(FuzzContext ctx, ModelDraft model)
    {
        bool oneDimensional = ctx.Chance(0.2);
        (int index, int[] x) = At(ctx, model, oneDimensional ? 2 : 3);
        AttributeDraft layer;
        string setting;
        if (!oneDimensional && ctx.Chance(0.3))
        {
            layer = new AttributeDraft(ctx.Pick("ZeroPadding2D", "Cropping2D"));
            layer.Positional.AddRange(["0", "0", "0", "0"]);
            int side = ctx.Between(0, 3);
            layer.Positional[side] = "-1";
            setting = "side " + side;
        }
        else
        {
            layer = oneDimensional ? Valid(ctx, x, "Conv1D", "MaxPool1D") : Valid(ctx, x, "Conv2D", "MaxPool2D", "AvgPool2D", "DepthwiseConv2D", "Conv2DTranspose");
            layer.Named.RemoveAll(p => p.Key == "Padding" || p.Key.StartsWith("Pad", StringComparison.Ordinal));
            setting = ctx.Pick(oneDimensional ? ["Pad", "PadLeft", "PadRight"] : new[] { "Pad", "PadTop", "PadBottom", "PadLeft", "PadRight" });
            layer.SetNamed(setting, ctx.Pick("-1", "-2"));
        }
        Break(model, index, layer, "PC0009", $"{layer.Name} negative {setting}");
    }

    private static void SameWithPad(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 3);
        AttributeDraft layer = Valid(ctx, x, "Conv2D", "MaxPool2D", "DepthwiseConv2D");
        layer.Named.RemoveAll(p => p.Key.StartsWith("Pad", StringComparison.Ordinal));
        string setting = ctx.Pick("Pad", "PadTop", "PadRight");
        layer.SetNamed(setting, "0");
        layer.SetNamed("Padding", "{P}Padding.Same");
        Break(model, index, layer, "PC0009", $"{layer.Name}(Padding = Same, {setting} = 0)");
    }

    private static void UndefinedPadding(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 3);
        AttributeDraft layer = Valid(ctx, x, "Conv2D", "MaxPool2D", "AvgPool2D", "Conv2DTranspose", "SeparableConv2D");
        string value = ctx.Pick("({P}Padding)2", "({P}Padding)(-1)", "({P}Padding)7");
        layer.SetNamed("Padding", value);
        Break(model, index, layer, "PC0009", $"{layer.Name}(Padding = {value})");
    }

    private static void HeightOnOneDimensional(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 2);
        AttributeDraft layer = Valid(ctx, x, "Conv1D", "MaxPool1D");
        // Pooling has no dilation (the attribute has no such property: a compiler error, not this fault).
        string setting = layer.Name == "Conv1D" ? ctx.Pick("StrideHeight", "DilationHeight", "PadTop", "PadBottom") : ctx.Pick("StrideHeight", "PadTop", "PadBottom");
        layer.Named.RemoveAll(p => p.Key == "Padding");
        layer.SetNamed(setting, ctx.Int(ctx.Between(1, 2)));
        Break(model, index, layer, "PC0009", $"{layer.Name}({setting} = ...) on a [C, L] sample");
    }

    private static void PoolPadNotBelowWindow(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 3);
        int window = ctx.Between(1, 2);
        var layer = new AttributeDraft(ctx.Pick("MaxPool2D", "AvgPool2D"));
        layer.Positional.Add(ctx.Int(window));
        layer.SetNamed(ctx.Pick("Pad", "PadTop", "PadLeft", "PadBottom"), ctx.Int(window + ctx.Between(0, 1)));
        Break(model, index, layer, "PC0009", $"{layer.Name} padding not below a window of {window}");
    }

    private static void TransposedOutputNotPositive(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 3);
        // Stride 1, kernel 1: out = in − before − after, so padding of half the input each side leaves nothing.
        int axis = ctx.Between(1, 2);
        var layer = new AttributeDraft("Conv2DTranspose");
        layer.Positional.AddRange([ctx.Int(ctx.Between(1, 4)), "1"]);
        int pad = x[axis] / 2 + ctx.Between(0, 1);
        if (x[axis] - 2 * pad >= 1)
            pad++;
        layer.SetNamed(ctx.Chance(0.5) ? "Pad" : axis == 1 ? "PadTop" : "PadLeft", ctx.Int(pad));
        if (layer.GetNamed("Pad") is null)
            layer.SetNamed(axis == 1 ? "PadBottom" : "PadRight", ctx.Int(pad));
        Break(model, index, layer, "PC0027", $"Conv2DTranspose with padding {pad} on {x[axis]} positions");
    }

    private static void OutputPadNotBelowStride(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 3);
        int stride = ctx.Between(1, 3);
        var layer = new AttributeDraft("Conv2DTranspose");
        layer.Positional.AddRange([ctx.Int(ctx.Between(1, 4)), ctx.Int(ctx.Between(1, 3))]);
        layer.SetNamed("Stride", ctx.Int(stride));
        layer.SetNamed("OutputPad", ctx.Pick(ctx.Int(stride), ctx.Int(stride + 1), "-1"));
        Break(model, index, layer, "PC0009", "Conv2DTranspose OutputPad not below the stride");
    }

    private static void GroupsDoNotDivide(FuzzContext ctx, ModelDraft model)
    {
        string kind = ctx.Pick("Conv2D", "Conv2D", "Conv1D", "Conv2DTranspose");
        (int index, int[] x) = At(ctx, model, kind == "Conv1D" ? 2 : 3);
        int channels = x[0];
        int groups, filters;
        if (channels > 1 && ctx.Chance(0.5))
        {
            // The channels divide, the filters do not.
            groups = ctx.Pick(Enumerable.Range(2, channels - 1).Where(g => channels % g == 0).ToArray());
            filters = groups * ctx.Between(1, 2) + ctx.Between(1, groups - 1);
        }
        else
        {
            groups = ctx.Pick(Enumerable.Range(2, channels + 2).Where(g => channels % g != 0).ToArray());
            filters = groups * ctx.Between(1, 2);
        }
        var layer = new AttributeDraft(kind);
        layer.Positional.AddRange([ctx.Int(filters), "1"]);
        layer.SetNamed("Groups", ctx.Int(groups));
        Break(model, index, layer, "PC0028", $"{kind} with {channels} channels, {filters} filters, Groups = {groups}");
    }

    private static void CropTooLarge(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, 3);
        var layer = new AttributeDraft("Cropping2D");
        int axis = ctx.Between(1, 2);
        int before = ctx.Between(0, x[axis]), after = x[axis] - before + ctx.Between(0, 2);
        if (ctx.Chance(0.3) && before == after)
        {
            layer.Positional.Add(ctx.Int(before));
        }
        else
        {
            layer.Positional.AddRange(axis == 1 ? [ctx.Int(before), ctx.Int(after), "0", "0"] : ["0", "0", ctx.Int(before), ctx.Int(after)]);
        }
        Break(model, index, layer, "PC0029", $"Cropping2D of {before} + {after} on {x[axis]}");
    }

    private static void BatchNormOnRankFour(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, ctx.Chance(0.5) ? 3 : 4);
        NetworkDraft net = model.Network;
        if (x.Length == 3)
        {
            // A Reshape that splits the channels' rows in two: a valid [C, 1, H, W] that BatchNorm cannot take.
            var reshape = new AttributeDraft("Reshape");
            reshape.Positional.AddRange([ctx.Int(x[0]), "1", ctx.Int(x[1]), ctx.Chance(0.5) ? "-1" : ctx.Int(x[2])]);
            net.Layers.Insert(index++, reshape);
        }
        Break(model, index, new AttributeDraft("BatchNorm") { EmptyParentheses = ctx.Chance(0.2) }, "PC0030", "BatchNorm on a rank-4 sample");
    }

    private static void WrongRank(FuzzContext ctx, ModelDraft model)
    {
        (string kind, int rank) = ctx.Pick(
            ("Conv2D", ctx.Pick(1, 2, 4)), ("MaxPool2D", ctx.Pick(1, 2)), ("GlobalAvgPool2D", 1), ("ZeroPadding2D", 2), ("UpSampling2D", 1),
            ("Conv2DTranspose", 2), ("DepthwiseConv2D", 1), ("Cropping2D", 4), ("Conv1D", ctx.Pick(1, 3)), ("MaxPool1D", 3), ("Dropout2D", 1));
        (int index, int[] x) = At(ctx, model, rank);
        var layer = new AttributeDraft(kind);
        layer.Positional.AddRange(kind switch
        {
            "Conv2D" or "Conv1D" or "Conv2DTranspose" => ["2", "1"],
            "MaxPool2D" or "UpSampling2D" or "DepthwiseConv2D" or "MaxPool1D" or "ZeroPadding2D" or "Cropping2D" => ["1"],
            "Dropout2D" => ["0.5"],
            _ => [],
        });
        Break(model, index, layer, "PC0031", $"{kind} on {ShapeOracle.Show(x)}");
    }

    private static void ReshapeMismatch(FuzzContext ctx, ModelDraft model)
    {
        (int index, int[] x) = At(ctx, model, ctx.Pick(1, 3));
        int values = x.Aggregate(1, (a, b) => a * b);
        var layer = new AttributeDraft("Reshape");
        string what;
        switch (ctx.Between(0, 2))
        {
            case 0:
                layer.Positional.AddRange([ctx.Int(values + 1)]);
                what = "one value more";
                break;
            case 1:
                layer.Positional.AddRange(["-1", "-1"]);
                what = "two −1s";
                break;
            default:
                layer.Positional.AddRange(["-1", ctx.Int(values + ctx.Between(1, 3))]);
                what = "a −1 that does not divide";
                break;
        }
        Break(model, index, layer, "PC0033", $"Reshape {ShapeOracle.Show(x)} with {what}");
    }

    /// <summary>A divisor of <paramref name="n"/> (n ≥ 1), 1 and n included.</summary>
    private static int Divisor(FuzzContext ctx, int n) => ctx.Pick(Enumerable.Range(1, n).Where(d => n % d == 0).ToArray());
}
