namespace Precast.Generator.Tests.Fuzzing.Features;

/// <summary>
/// Builds valid networks (tracking shapes as Precast's shape inference does, so that validity is
/// known by construction) and breaks them on purpose. Each fault is one small function listed in
/// <see cref="Faults"/>; its note names the exact variant so failure categories stay distinct.
/// </summary>
internal static class NetworkFeatures
{
    /// <summary>Explicit layer names that are valid and derive no clashing member (none starts with d).</summary>
    private static readonly string[] s_validNames =
        ["Hidden", "Output", "Proj", "Act", "Gate", "Head", "class", "int", "return", "Layer_2", "x1", "Relu1", "Dense2", "Hidden2", "Out", "Encoder", "Scores"];

    // ───────────────────────────── valid networks ─────────────────────────────

    /// <summary>The share of models whose layers include compositions of blocks.</summary>
    public const double ComposedShare = 0.3;

    /// <summary>
    /// A valid network: Precision, Input, 1 to 6 layers (and, for some models of <paramref name="owner"/>'s
    /// program, compositions of blocks), and maybe a loss that fits.
    /// </summary>
    public static NetworkDraft BuildValid(FuzzContext ctx, bool allowRedundantActivation, string? className = null, ModelDraft? owner = null)
    {
        var net = new NetworkDraft();
        WritePrecision(ctx, net);

        // A convolutional network on an image or a sequence, or layers on any shape.
        bool convolutional = ctx.Chance(ConvolutionFeatures.ImageShare);
        int rank = ctx.Weighted((5, 1), (2, 2), (2, 3), (1, 4));
        net.Input = convolutional
            ? ConvolutionFeatures.Input(ctx)
            : Enumerable.Range(0, rank).Select(_ => rank == 1 ? ctx.Weighted((8, ctx.Between(1, 12)), (1, 64)) : ctx.Between(1, 5)).ToList();
        net.Model.Named.Insert(ctx.Between(0, net.Model.Named.Count), new("Input", IntArray(ctx, net.Input)));
        if (ctx.Chance(0.25))
        {
            net.InputGradient = ctx.Chance(0.6);
            net.Model.SetNamed("InputGradient", net.InputGradient ? "true" : "false");
        }

        var shape = new List<int>(net.Input);
        int count = convolutional ? ctx.Weighted((2, 2), (3, 3), (3, 4), (2, 6)) : ctx.Weighted((3, 1), (3, 2), (3, 3), (2, 4), (1, 6));
        bool composed = owner is not null && ctx.Chance(ComposedShare);
        // Now and then a layer whose windows skip the last rows of the input: the model must get the warning PC0032 on it.
        bool allowWarning = convolutional && allowRedundantActivation && ctx.Chance(0.15);
        for (int i = 0; i < count; i++)
        {
            if (composed && ctx.Chance(0.5) && CompositionFeatures.AddComposition(ctx, owner!, net, shape, depth: 0))
                continue;
            if (convolutional && ctx.Chance(0.75) && ConvolutionFeatures.AddLayer(ctx, net, shape, className, allowWarning))
                continue;
            AddRandomLayer(ctx, net, shape, className);
        }
        if (convolutional && owner is not null)
        {
            owner.Note($"conv: a network on {(net.Input.Count == 3 ? "an image" : "a sequence")}");
            if (ShapeOracle.Run(net.Layers, net.Input).Warnings.Count > 0)
                owner.Note("conv: windows that skip the end of the input (PC0032 expected)");
        }

        LossKind? loss = ctx.Weighted<LossKind?>(
            (3, null), (3, LossKind.SoftmaxCrossEntropy), (2, LossKind.SigmoidBinaryCrossEntropy), (2, LossKind.MeanSquaredError),
            (1, LossKind.SoftmaxCrossEntropyWithProbabilities), (1, LossKind.MeanAbsoluteError), (1, LossKind.Huber), (1, LossKind.KLDivergence));
        if (ReadsClassScores(loss))
        {
            if (shape.Count != 1)
                AddLayer(ctx, net, shape, "Flatten", className);
            if (shape[0] < 2)
                AddDense(ctx, net, shape, ctx.Between(2, 6), className);
            if (allowRedundantActivation && ctx.Chance(0.1))
                AddLayer(ctx, net, shape, "Softmax", className);
        }
        else if (loss == LossKind.SigmoidBinaryCrossEntropy && allowRedundantActivation && ctx.Chance(0.1))
        {
            AddLayer(ctx, net, shape, "Sigmoid", className);
        }
        // Models that must get no Precast diagnostic at all must not get PC0012 (a warning) by chance either.
        if (!allowRedundantActivation && net.Layers.Count > 0)
        {
            if (ReadsClassScores(loss) && net.Layers[^1].Name == "Softmax")
                AddDense(ctx, net, shape, 3, className);
            else if (loss == LossKind.SigmoidBinaryCrossEntropy && net.Layers[^1].Name == "Sigmoid")
                AddLayer(ctx, net, shape, "Tanh", className);
        }
        // Exactly 4,096 layers, the most a model may expand to (rare: such a model takes seconds to compile).
        if (composed && ctx.Chance(0.002))
            CompositionFeatures.FillToTheLimit(ctx, owner!, net, shape);
        if (loss is { } kind)
            SetLoss(ctx, net, kind);
        return net;
    }

    private static void WritePrecision(FuzzContext ctx, NetworkDraft net)
    {
        (string? text, string element) = ctx.Weighted<(string?, string)>(
            (6, (null, "float")),
            (1, ("{P}Precision.Single", "float")),
            (3, ("{P}Precision.Double", "double")),
            (1, ("({P}Precision)1", "double")),
            (1, ("0", "float")));
        net.ElementType = element;
        if (text is not null)
            net.Model.SetNamed("Precision", text);
    }

    /// <summary>The losses that read each output row as class scores (and apply a softmax to them).</summary>
    private static bool ReadsClassScores(LossKind? loss) =>
        loss is LossKind.SoftmaxCrossEntropy or LossKind.SoftmaxCrossEntropyWithProbabilities or LossKind.KLDivergence;

    /// <summary>[Loss(...)] in one of the ways C# lets a user write a Loss value, with valid options now and then.</summary>
    public static void SetLoss(FuzzContext ctx, NetworkDraft net, LossKind kind)
    {
        var loss = new AttributeDraft("Loss") { LongName = ctx.Chance(0.05) };
        string value = ctx.Weighted(
            (8, $"{{P}}Loss.{kind}"),
            (1, $"({{P}}Loss){(int)kind}"),
            (kind == LossKind.SoftmaxCrossEntropy ? 1 : 0, "0"));
        loss.Positional.Add(ctx.Chance(0.1) ? "kind: " + value : value);
        if (kind is LossKind.SoftmaxCrossEntropy or LossKind.SoftmaxCrossEntropyWithProbabilities && ctx.Chance(0.3))
            loss.SetNamed("LabelSmoothing", ctx.Pick("0.1", "0", "1", "0.05f", "1e-3"));
        if (kind == LossKind.Huber && ctx.Chance(0.5))
            loss.SetNamed("Delta", ctx.Pick("0.5", "1", "2.5f", "1e-3", "1e30"));
        net.Loss = loss;
        net.LossKind = kind;
    }

    public static string IntArray(FuzzContext ctx, IReadOnlyList<int> values)
    {
        string items = string.Join(", ", values.Select(v => ctx.Chance(0.9) ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : ctx.Int(v)));
        return ctx.Weighted((8, $"[{items}]"), (1, $"new[] {{ {items} }}"), (1, $"new int[] {{ {items} }}"));
    }

    private static void AddRandomLayer(FuzzContext ctx, NetworkDraft net, List<int> shape, string? className)
    {
        string kind = ctx.Weighted(
            (30, "Dense"), (12, "Relu"), (6, "LeakyRelu"), (6, "Sigmoid"), (6, "Tanh"), (6, "Gelu"), (4, "Softmax"), (8, "Dropout"), (6, "Flatten"));
        if (kind == "Dense")
            AddDense(ctx, net, shape, ctx.Weighted((6, ctx.Between(1, 8)), (1, 16), (1, 32), (0.3, ctx.Between(100, 1000))), className);
        else
            AddLayer(ctx, net, shape, kind, className);
    }

    /// <summary>Appends a layer of <paramref name="kind"/> with valid arguments, adding [Flatten] first when it needs a vector.</summary>
    public static AttributeDraft AddLayer(FuzzContext ctx, NetworkDraft net, List<int> shape, string kind, string? className = null)
    {
        if (kind is "Dense" or "Softmax" && shape.Count != 1)
            AddLayer(ctx, net, shape, "Flatten", className);
        var layer = new AttributeDraft(kind) { LongName = ctx.Chance(0.05) };
        switch (kind)
        {
            case "Dense":
                throw new InvalidOperationException("use AddDense");
            case "LeakyRelu":
                if (ctx.Chance(0.6))
                    layer.SetNamed("Slope", ValidSlope(ctx, net.ElementType));
                break;
            case "Gelu":
                if (ctx.Chance(0.4))
                    layer.SetNamed("Approximate", ctx.Pick("true", "false"));
                break;
            case "Dropout":
                string rate = ValidRate(ctx, net.ElementType);
                layer.Positional.Add(ctx.Chance(0.1) ? "rate: " + rate : rate);
                break;
            case "Flatten":
                int length = shape.Aggregate(1, (a, b) => a * b);
                shape.Clear();
                shape.Add(length);
                break;
        }
        if (layer.Positional.Count == 0 && layer.Named.Count == 0)
            layer.EmptyParentheses = ctx.Chance(0.1);
        MaybeName(ctx, net, layer, className);
        net.Layers.Add(layer);
        return layer;
    }

    /// <summary>
    /// Appends [Dense(units)]: on the last axis ([T, D] → [T, units]), or after a [Flatten] when
    /// <paramref name="keepRank"/> is false (by default, either).
    /// </summary>
    public static AttributeDraft AddDense(FuzzContext ctx, NetworkDraft net, List<int> shape, int units, string? className = null, bool? keepRank = null)
    {
        if (shape.Count != 1 && !(keepRank ?? ctx.Chance(0.5)))
            AddLayer(ctx, net, shape, "Flatten", className);
        var dense = new AttributeDraft("Dense") { LongName = ctx.Chance(0.05) };
        string value = ctx.Int(units);
        dense.Positional.Add(ctx.Chance(0.1) ? "units: " + value : value);
        if (ctx.Chance(0.25))
            dense.SetNamed("Bias", ctx.Pick("true", "false"));
        if (ctx.Chance(0.25))
        {
            dense.SetNamed("Initializer", ctx.Weighted(
                (5, "{P}Initializer." + ctx.Pick("Auto", "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal")),
                (1, $"({{P}}Initializer){ctx.Between(0, 4)}"),
                (1, "0")));
        }
        MaybeName(ctx, net, dense, className);
        net.Layers.Add(dense);
        shape[^1] = units;
        return dense;
    }

    public static void MaybeName(FuzzContext ctx, NetworkDraft net, AttributeDraft layer, string? className)
    {
        if (!ctx.Chance(0.25))
            return;
        // The class's own name is a valid layer name when it is a plain identifier without a leading d.
        string[] pool = className is not null && System.Text.RegularExpressions.Regex.IsMatch(className, "^[A-CE-Za-ce-z][A-Za-z0-9_]*$")
            ? [.. s_validNames, className]
            : s_validNames;
        string name = ctx.Pick(pool);
        if (net.Names.Add(name))
            layer.SetNamed("Name", Quote(name));
    }

    private static string ValidSlope(FuzzContext ctx, string? elementType) => ctx.Weighted(
        (4, "0.2"), (1, "0"), (1, "0.0"), (1, "-0.0"), (1, "1e-320"), (1, "1e-45"), (1, "-3.5"), (1, "1e38"), (1, "double.Epsilon"), (1, "float.MaxValue"),
        (elementType == "double" ? 1 : 0, "1e39"), (elementType == "double" ? 1 : 0, "double.MaxValue"));

    public static string ValidRate(FuzzContext ctx, string? elementType) => ctx.Weighted(
        (4, "0.5"), (2, "0.25"), (1, "0"), (1, "-0.0"), (1, "0.999"), (1, "1e-300"), (1, "double.Epsilon"), (1, "0.1f"),
        (elementType == "double" ? 1 : 0, "0.99999999"), (elementType == "double" ? 1 : 0, "0.9999999999999999"));

    public static string Quote(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>A non-view layer, appending [Relu] when there is none; never the given one.</summary>
    private static AttributeDraft NonViewLayer(FuzzContext ctx, NetworkDraft net, AttributeDraft? except = null)
    {
        var candidates = net.Layers.Where(l => l.Name != "Flatten" && l != except).ToList();
        if (candidates.Count > 0)
            return ctx.Pick(candidates.ToArray());
        var relu = new AttributeDraft("Relu");
        net.Layers.Insert(ctx.Between(0, net.Layers.Count), relu);
        return relu;
    }

    /// <summary>An existing Dense layer, or a [Flatten, Dense(3)] pair appended at the end.</summary>
    public static AttributeDraft SomeDense(FuzzContext ctx, NetworkDraft net)
    {
        var dense = net.Layers.Where(l => l.Name == "Dense").ToArray();
        if (dense.Length > 0)
            return ctx.Pick(dense);
        net.Layers.Add(new AttributeDraft("Flatten"));
        var added = new AttributeDraft("Dense");
        added.Positional.Add("3");
        net.Layers.Add(added);
        return added;
    }

    /// <summary>Makes sure a non-view layer is called <paramref name="name"/> (for clash features that need 'Hidden').</summary>
    public static void RequireLayerName(FuzzContext ctx, NetworkDraft net, string name)
    {
        if (net.Layers.Any(l => l.Name != "Flatten" && l.GetNamed("Name") == Quote(name)))
            return;
        foreach (AttributeDraft layer in net.Layers.Where(l => string.Equals(l.GetNamed("Name"), Quote(name), StringComparison.OrdinalIgnoreCase)))
            layer.Named.RemoveAll(p => p.Key == "Name");
        NonViewLayer(ctx, net).SetNamed("Name", Quote(name));
        net.Names.Add(name);
    }

    /// <summary>Makes sure a Dense layer (which has a weight) is called <paramref name="name"/>.</summary>
    public static void RequireDenseName(FuzzContext ctx, NetworkDraft net, string name)
    {
        foreach (AttributeDraft layer in net.Layers.Where(l => string.Equals(l.GetNamed("Name"), Quote(name), StringComparison.OrdinalIgnoreCase)))
            layer.Named.RemoveAll(p => p.Key == "Name");
        SomeDense(ctx, net).SetNamed("Name", Quote(name));
        net.Names.Add(name);
    }

    // ───────────────────────────── faults: NetworkInvalid ─────────────────────────────

    public static readonly Feature<ModelDraft>[] Faults =
    [
        new("missing Input", 2, MissingInput),
        new("empty Input", 1, EmptyInput),
        new("non-positive Input dimension", 2, NonPositiveInput),
        new("Input too large", 2, HugeInput),
        new("non-positive Dense units", 3, NonPositiveUnits),
        new("Dense too large", 2, HugeDense),
        new("missing Flatten", 2, MissingFlatten),
        new("loss does not fit", 2, LossDoesNotFit),
        new("no layers", 1, NoLayers),
        new("layer after loss", 2, LayerAfterLoss),
        new("undefined Loss value", 2, UndefinedLoss),
        new("bad loss option", 2, BadLossOption),
        new("undefined Precision value", 2, UndefinedPrecision),
        new("undefined Initializer value", 2, UndefinedInitializer),
        new("bad LeakyRelu slope", 2, BadSlope),
        new("bad Dropout rate", 3, BadDropout),
        new("invalid layer name", 3, InvalidName),
        new("duplicate layer name", 2, DuplicateName),
        new("derived member names clash", 2, DerivedClash),
        new("layers on two partial declarations", 2, m => m.CanRedeclare && !m.ModelTwice && !m.OwnFile, SplitDeclarations),
    ];

    private static void Invalid(ModelDraft model, string description) => model.Fault(Intent.NetworkInvalid, "net: " + description);

    private static void MissingInput(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        net.Model.Named.RemoveAll(p => p.Key == "Input");
        if (net.Model.Named.Count == 0)
            net.Model.EmptyParentheses = ctx.Chance(0.5);
        net.InputKnown = false;
        Invalid(model, "missing Input");
    }

    private static void EmptyInput(FuzzContext ctx, ModelDraft model)
    {
        model.Network.Model.SetNamed("Input", ctx.Pick("[]", "new int[0]", "new int[] { }"));
        model.Network.InputKnown = false;
        Invalid(model, "empty Input");
    }

    private static void NonPositiveInput(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        var dims = net.Input.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        string bad = ctx.Pick("0", "-1", "int.MinValue", "-2147483647");
        dims[ctx.Between(0, dims.Count - 1)] = bad;
        net.Model.SetNamed("Input", $"[{string.Join(", ", dims)}]");
        net.InputKnown = false;
        Invalid(model, $"Input dimension {bad}");
    }

    private static void HugeInput(FuzzContext ctx, ModelDraft model)
    {
        string input = ctx.Pick("[100000, 2147483647, 65536, 65536]", "[65536, 65536]", "[2147483647]", "[46341, 46341]", "[2147483591, 2]");
        model.Network.Model.SetNamed("Input", input);
        model.Network.InputKnown = false;
        Invalid(model, $"Input {input}");
    }

    private static void NonPositiveUnits(FuzzContext ctx, ModelDraft model)
    {
        AttributeDraft dense = SomeDense(ctx, model.Network);
        string units = ctx.Pick("0", "-1", "int.MinValue", "unchecked(int.MaxValue + 1)");
        dense.Positional.Clear();
        dense.Positional.Add(units);
        Invalid(model, $"Dense({units})");
    }

    private static void HugeDense(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        switch (ctx.Between(0, 2))
        {
            case 0:
                AttributeDraft dense = SomeDense(ctx, net);
                dense.Positional.Clear();
                dense.Positional.Add("int.MaxValue");
                Invalid(model, "Dense(int.MaxValue)");
                break;
            case 1:
                net.Model.SetNamed("Input", "[100000]");
                net.Layers.Insert(0, Dense("100000"));
                net.InputKnown = false;
                Invalid(model, "Input [100000], Dense(100000)");
                break;
            default:
                // 46,340 × 46,341 weights fit in an array; with the 46,341 biases the parameter buffer does not.
                net.Model.SetNamed("Input", "[46340]");
                net.Layers.Insert(0, Dense("46341"));
                net.InputKnown = false;
                Invalid(model, "Input [46340], Dense(46341): parameters just over the limit");
                break;
        }
    }

    private static AttributeDraft Dense(string units)
    {
        var dense = new AttributeDraft("Dense");
        dense.Positional.Add(units);
        return dense;
    }

    private static void MissingFlatten(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        if (net.Input.Count < 2)
        {
            net.Input = [2, net.Input[0]];
            net.Model.SetNamed("Input", $"[{string.Join(", ", net.Input)}]");
        }
        // Dense works on the last axis (as nn.Linear does), so only Softmax needs a vector.
        const string kind = "Softmax";
        AttributeDraft layer = new AttributeDraft("Softmax");
        // Elementwise layers keep the shape, so the first non-elementwise position still sees a matrix.
        int position = ctx.Chance(0.5) ? 0 : net.Layers.TakeWhile(l => l.Name is "Relu" or "Tanh" or "Sigmoid" or "Gelu" or "LeakyRelu" or "Dropout").Count();
        net.Layers.Insert(position, layer);
        Invalid(model, $"{kind} on a rank-{net.Input.Count} input without Flatten");
    }

    private static void LossDoesNotFit(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        if (ctx.Chance(0.5))
        {
            net.Layers.Add(new AttributeDraft("Flatten"));
            net.Layers.Add(Dense("1"));
            Invalid(model, "SoftmaxCrossEntropy on one output");
        }
        else
        {
            net.Model.SetNamed("Input", "[2, 3]");
            net.Input = [2, 3];
            net.Layers.Clear();
            net.Layers.Add(new AttributeDraft("Relu"));
            Invalid(model, "SoftmaxCrossEntropy on a [2, 3] output");
        }
        net.LossPosition = null;
        SetLoss(ctx, net, LossKind.SoftmaxCrossEntropy);
    }

    private static void NoLayers(FuzzContext ctx, ModelDraft model)
    {
        model.Network.Layers.Clear();
        model.Network.LossPosition = null;
        if (ctx.Chance(0.5))
        {
            model.Network.Loss = null;
            model.Network.LossKind = null;
        }
        Invalid(model, model.Network.Loss is null ? "no layers" : "no layers, only a loss");
    }

    private static void LayerAfterLoss(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        if (net.Loss is null)
            SetLoss(ctx, net, LossKind.MeanSquaredError);
        if (net.Layers.Count == 0)
            net.Layers.Add(new AttributeDraft("Relu"));
        net.LossPosition = ctx.Between(0, net.Layers.Count - 1);
        Invalid(model, "layer after the loss");
    }

    private static void UndefinedLoss(FuzzContext ctx, ModelDraft model)
    {
        string value = ctx.Pick("({P}Loss)99", "({P}Loss)7", "({P}Loss)(-1)");
        var loss = new AttributeDraft("Loss");
        loss.Positional.Add(value);
        model.Network.Loss = loss;
        model.Network.LossKind = null;
        Invalid(model, "Loss " + value.Replace("{P}", ""));
    }

    private static void BadLossOption(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        // A label smoothing outside [0, 1], a delta that is not positive and finite, or an option the loss does not take.
        (LossKind kind, string option, string value) = ctx.Pick(
            (LossKind.SoftmaxCrossEntropy, "LabelSmoothing", ctx.Pick("1.5", "-0.1", "double.NaN")),
            (LossKind.SoftmaxCrossEntropyWithProbabilities, "LabelSmoothing", ctx.Pick("2", "double.NegativeInfinity")),
            (LossKind.Huber, "Delta", ctx.Pick("0", "-1", "double.NaN", "double.PositiveInfinity")),
            (ctx.Pick(LossKind.MeanSquaredError, LossKind.MeanAbsoluteError, LossKind.SigmoidBinaryCrossEntropy, LossKind.KLDivergence), "LabelSmoothing", "0.1"),
            (ctx.Pick(LossKind.SoftmaxCrossEntropy, LossKind.MeanSquaredError, LossKind.KLDivergence), "Delta", "2"));
        SetLoss(ctx, net, kind);
        net.Loss!.Named.RemoveAll(p => p.Key is "LabelSmoothing" or "Delta");
        net.Loss.SetNamed(option, value);
        Invalid(model, $"Loss.{kind} with {option} = {value}");
    }

    private static void UndefinedPrecision(FuzzContext ctx, ModelDraft model)
    {
        string value = ctx.Pick("({P}Precision)7", "({P}Precision)2", "({P}Precision)(-1)");
        model.Network.Model.SetNamed("Precision", value);
        model.Network.ElementType = null;
        Invalid(model, "Precision " + value.Replace("{P}", ""));
    }

    private static void UndefinedInitializer(FuzzContext ctx, ModelDraft model)
    {
        string value = ctx.Pick("({P}Initializer)42", "({P}Initializer)5", "({P}Initializer)(-1)");
        SomeDense(ctx, model.Network).SetNamed("Initializer", value);
        Invalid(model, "Initializer " + value.Replace("{P}", ""));
    }

    private static void BadSlope(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        string slope = ctx.Weighted(
            (2, "double.NaN"), (1, "float.NaN"), (1, "double.PositiveInfinity"), (1, "double.NegativeInfinity"),
            (net.ElementType == "float" ? 2 : 0, "1e39"), (net.ElementType == "float" ? 1 : 0, "-1e39"), (net.ElementType == "float" ? 1 : 0, "double.MaxValue"));
        AttributeDraft? leaky = net.Layers.FirstOrDefault(l => l.Name == "LeakyRelu");
        if (leaky is null)
        {
            leaky = new AttributeDraft("LeakyRelu");
            net.Layers.Insert(ctx.Between(0, net.Layers.Count), leaky);
        }
        leaky.SetNamed("Slope", slope);
        Invalid(model, $"LeakyRelu(Slope = {slope}) in {net.ElementType ?? "an undefined precision"}");
    }

    private static void BadDropout(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        string rate = ctx.Weighted(
            (2, "1"), (1, "-0.1"), (1, "1.5"), (1, "double.NaN"), (1, "double.PositiveInfinity"), (1, "1.0000001"), (1, "-double.Epsilon"),
            (net.ElementType == "float" ? 3 : 0, "0.99999999"));
        AttributeDraft? dropout = net.Layers.FirstOrDefault(l => l.Name == "Dropout");
        if (dropout is null)
        {
            dropout = new AttributeDraft("Dropout");
            net.Layers.Insert(ctx.Between(0, net.Layers.Count), dropout);
        }
        dropout.Positional.Clear();
        dropout.Positional.Add(rate);
        Invalid(model, rate == "0.99999999" ? "Dropout(0.99999999), which is 1 in float" : $"Dropout({rate})");
    }

    private static void InvalidName(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        string name = ctx.Weighted((3, ""), (1, "1x"), (1, "a b"), (1, "ä"), (1, "Hidden-1"), (1, "_x"), (1, " "), (1, "@x"));
        AttributeDraft layer = net.Layers.Count > 0 ? ctx.Pick(net.Layers.ToArray()) : NonViewLayer(ctx, net);
        layer.SetNamed("Name", Quote(name));
        Invalid(model, $"layer name {Quote(name)}");
    }

    private static void DuplicateName(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        AttributeDraft first = NonViewLayer(ctx, net);
        AttributeDraft second = NonViewLayer(ctx, net, first);
        if (second == first)
            net.Layers.Add(second = new AttributeDraft("Relu"));
        bool caseOnly = ctx.Chance(0.5);
        first.SetNamed("Name", Quote("Twin"));
        second.SetNamed("Name", Quote(caseOnly ? "twin" : "Twin"));
        Invalid(model, caseOnly ? "layer names 'Twin' and 'twin'" : "two layers named 'Twin'");
    }

    private static void DerivedClash(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        (string a, string b) = ctx.Pick(("Hidden", "DHidden"), ("Gate", "dGate"));
        foreach (AttributeDraft layer in net.Layers.Where(l => l.GetNamed("Name") is { } n && (n == Quote(a) || n == Quote(b))))
            layer.Named.RemoveAll(p => p.Key == "Name");
        AttributeDraft first = NonViewLayer(ctx, net);
        AttributeDraft second = NonViewLayer(ctx, net, first);
        if (second == first)
            net.Layers.Add(second = new AttributeDraft("Tanh"));
        first.SetNamed("Name", Quote(a));
        second.SetNamed("Name", Quote(b));
        // The two names meet only in the gradient local (dHiddenOut), which exists only when a
        // gradient flows there: rejecting or accepting are both right.
        model.Fault(Intent.AcceptOrReject, $"net: layer names '{a}' and '{b}' may derive the same local");
    }

    private static void SplitDeclarations(FuzzContext ctx, ModelDraft model)
    {
        if (model.Network.Layers.Count == 0 && model.Network.Loss is null)
            model.Network.Layers.Add(new AttributeDraft("Relu"));
        model.SplitNetwork = true;
        Invalid(model, "layers on two partial declarations");
    }

    // ───────────────────────────── accept or reject ─────────────────────────────

    /// <summary>
    /// Every tensor fits in an array but their sum per sample does not fit in an int
    /// (BufferValuesPerSample): the generator may support it or refuse it with PC0005.
    /// </summary>
    public static void HugeButFittingTensors(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        string input = ctx.Pick("[1500000000]", "[700000000]", "[30000, 50000]");
        net.Model.SetNamed("Input", input);
        net.Input = [1];
        net.Layers.Clear();
        net.Layers.Add(new AttributeDraft(ctx.Pick("Relu", "Tanh", "Sigmoid")));
        if (ctx.Chance(0.5))
            net.Layers.Add(new AttributeDraft(ctx.Pick("Relu", "Gelu")));
        if (input.Contains(',', StringComparison.Ordinal))
            net.Layers.Add(new AttributeDraft("Flatten"));
        net.LossPosition = null;
        if (net.LossKind == LossKind.SoftmaxCrossEntropy)
            SetLoss(ctx, net, LossKind.MeanSquaredError);
        net.InputKnown = false;
        model.Fault(Intent.AcceptOrReject, $"net: Input {input} through elementwise layers: buffers per sample exceed int");
    }
}
