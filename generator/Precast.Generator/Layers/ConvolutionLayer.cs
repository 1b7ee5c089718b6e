using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Precast.Generator.Diagnostics;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// What Conv2D, Conv1D, DepthwiseConv2D and Conv2DTranspose share: the shape rule over the window
/// settings, the weight and bias, the initialization, and the emitted calls to the kernel class the
/// algorithm choice picked (<see cref="ConvolutionAlgorithm"/>). The geometry is computed once from
/// the constant shapes and emitted as a static field (<c>s_conv1Geometry</c>) the calls share.
/// Each subclass says how its attribute maps onto the geometry.
/// </summary>
internal abstract record ConvolutionLayer(
    string Name, SourceSpan? Location, int KernelHeight, int KernelWidth, int Groups, bool HasBias, Initializer Initializer, WindowOptions Window)
    : LayerSpec(Name, Location)
{
    /// <summary>Slides along a [channels, length] sample's length only.</summary>
    protected virtual bool OneDimensional => false;

    /// <summary>The layer to suggest when the input has the other rank: Conv1D for a sequence given to Conv2D.</summary>
    protected abstract string? OtherRankLayer { get; }

    /// <summary>The attribute's size arguments, each checked to be at least 1: Filters, KernelHeight, ...</summary>
    protected abstract IEnumerable<(string Name, int Value)> Sizes { get; }

    /// <summary>Output channels for <paramref name="inChannels"/> input channels.</summary>
    protected abstract long OutChannels(int inChannels);

    /// <summary>The channel groups for <paramref name="inChannels"/> input channels.</summary>
    protected virtual int GroupCount(int inChannels) => Groups;

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    public override IEnumerable<string> MemberSuffixes => ["Geometry"];

    protected string KernelText => OneDimensional ? N(KernelWidth) : $"{N(KernelHeight)}×{N(KernelWidth)}";

    protected sealed override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (!(OneDimensional ? RankHint.RequireSequence(input, context, OtherRankLayer) : RankHint.RequireImage(input, context, OtherRankLayer)))
            return null;
        foreach (var (name, value) in Sizes)
        {
            if (value < 1)
                return context.Report(Descriptors.NonPositiveSize, name, context.Display, value);
        }
        if (!System.Enum.IsDefined(typeof(Initializer), Initializer))
            return context.Invalid("Initializer", (int)Initializer, $"it must be one of {EnumNames.List<Initializer>()}");
        if (OutChannels(input[0]) > Limits.MaxArrayLength)
            return context.Report(Descriptors.SizeTooLarge, $"The output channels of {context.Display}", OutChannels(input[0]));
        int channels = input[0], filters = (int)OutChannels(input[0]), groups = GroupCount(channels);
        if (channels % groups != 0 || filters % groups != 0)
        {
            bool inputs = channels % groups != 0;
            return context.Report(Descriptors.GroupsDoNotDivide, context.Display,
                $"{N(channels)} input channels and {N(filters)} filters", N(groups), inputs ? $"{N(channels)} input channels" : $"{N(filters)} filters");
        }
        if (TryGeometry(input, context) is not { } geometry)
            return null;
        long weights = (long)WeightShape(geometry).CheckedLength;
        if (weights > Limits.MaxArrayLength)
            return context.Report(Descriptors.SizeTooLarge, $"The weight of {context.Display} ({WeightShape(geometry)})", weights);
        if (geometry.ColumnsLength > Limits.MaxArrayLength)
            return context.Report(Descriptors.SizeTooLarge, $"The im2col columns of {context.Display} (taps × output positions)", geometry.ColumnsLength);
        return OutputShape(geometry);
    }

    /// <summary>
    /// The geometry for <paramref name="input"/>, or null after reporting (through <paramref name="context"/>)
    /// why the window settings do not fit it.
    /// </summary>
    protected virtual ConvGeometry? TryGeometry(Shape input, ShapeContext context)
    {
        int channels = input[0];
        int height = OneDimensional ? 1 : input[1];
        int width = input[input.Rank - 1];
        if (Window.Resolve(context, height, width, KernelHeight, KernelWidth, 1, 1, OneDimensional) is not var (rows, columns))
            return null;
        if (!rows.Check(context, input, "kernel") || !columns.Check(context, input, "kernel"))
            return null;
        return new ConvGeometry(channels, height, width, (int)OutChannels(channels), (int)rows.Output, (int)columns.Output,
            KernelHeight, KernelWidth, rows.Stride, columns.Stride, rows.PadBefore, columns.PadBefore, rows.Dilation, columns.Dilation, GroupCount(channels));
    }

    /// <summary>The geometry of a layer whose shape rule passed.</summary>
    protected ConvGeometry Geometry(Shape input) =>
        TryGeometry(input, new ShapeContext(Display: Kind, Producers: ["the input"], Location: null, Precision.Single, Diagnostics: []))
        ?? throw new System.InvalidOperationException($"{Kind} '{Name}' has no geometry for {input}.");

    /// <summary>The output shape of a sample: [filters, height, width], or [filters, length].</summary>
    protected virtual Shape OutputShape(ConvGeometry g) =>
        OneDimensional ? new Shape([g.OutChannels, g.OutWidth]) : new Shape([g.OutChannels, g.OutHeight, g.OutWidth]);

    /// <summary>The weight's shape, as PyTorch lays it out: [filters, channels / groups, kernelHeight, kernelWidth].</summary>
    protected virtual Shape WeightShape(ConvGeometry g) =>
        OneDimensional
            ? new Shape([g.OutChannels, g.GroupInChannels, g.KernelWidth])
            : new Shape([g.OutChannels, g.GroupInChannels, g.KernelHeight, g.KernelWidth]);

    /// <summary>The bias's length: one per output channel.</summary>
    protected virtual int BiasLength(ConvGeometry g) => g.OutChannels;

    /// <summary>The algorithm the emitted code runs.</summary>
    protected virtual ConvolutionAlgorithm Algorithm(ConvGeometry g) => ConvolutionAlgorithm.For(g);

    /// <summary>Inputs feeding one output (PyTorch's fan_in) and outputs one input feeds (fan_out), for initialization.</summary>
    protected virtual (int FanIn, int FanOut) Fans(ConvGeometry g) =>
        ((int)g.Taps, (int)((long)g.OutChannels * g.KernelHeight * g.KernelWidth));

    public override IEnumerable<ParameterSpec> GetParameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        ConvGeometry g = Geometry(inputs[0]);
        yield return new ParameterSpec("weight", WeightShape(g), $"W: the {KernelText} filters, {WeightShape(g)} as PyTorch lays them out");
        if (HasBias)
            yield return new ParameterSpec("bias", Shape.Vector(BiasLength(g)), "b: the bias of each output channel");
    }

    public override IEnumerable<BufferSpec> GetBuffers(IReadOnlyList<Shape> inputs, Shape output)
    {
        ConvGeometry g = Geometry(inputs[0]);
        if (!Algorithm(g).UsesColumns)
            yield break;
        string what = g.SamplesPerChunk == 1
            ? $"im2col columns of one sample and group: {N(g.Taps)} taps × {N(g.Positions)} positions"
            : $"im2col columns and product of {N(g.SamplesPerChunk)} samples at a time: ({N(g.Taps)} taps + {N(g.GroupOutChannels)} filters) × {N(g.SamplesPerChunk)}·{N(g.Positions)} positions";
        yield return new BufferSpec("Columns", (int)g.ScratchLength, what, BufferLifetime.Forward, PerSample: false);
        yield return new BufferSpec("BackwardColumns", (int)g.ScratchLength, what, BufferLifetime.Backward, PerSample: false);
    }

    public override long Multiplies(IReadOnlyList<Shape> inputs, Shape output) => Geometry(inputs[0]).Multiplies;

    public override void EmitMembers(NodeEmitContext context)
    {
        ConvGeometry g = Geometry(context.InputShape(0));
        context.Writer.Line($"// {context.Display}: {context.InputShape(0)} → {context.OutputShape}, {KernelText} kernel{Describe(g)}");
        context.Writer.Line($"private static readonly global::Precast.Kernels.Conv2DGeometry {context.Member("Geometry")} = new(");
        foreach (string line in g.Initializer())
            context.Writer.Line(line);
    }

    /// <summary>The window settings in words, for the geometry's comment: ", stride 2, padding 1 (top, left)".</summary>
    protected string Describe(ConvGeometry g)
    {
        var parts = new List<string>();
        if (g.StrideHeight != 1 || g.StrideWidth != 1)
            parts.Add(g.StrideHeight == g.StrideWidth || OneDimensional ? $"stride {N(g.StrideWidth)}" : $"stride {N(g.StrideHeight)}×{N(g.StrideWidth)}");
        if (g.DilationHeight != 1 || g.DilationWidth != 1)
            parts.Add(g.DilationHeight == g.DilationWidth || OneDimensional ? $"dilation {N(g.DilationWidth)}" : $"dilation {N(g.DilationHeight)}×{N(g.DilationWidth)}");
        if (g.PadTop != 0 || g.PadLeft != 0)
            parts.Add(OneDimensional ? $"padding {N(g.PadLeft)} before" : $"padding {N(g.PadTop)} top, {N(g.PadLeft)} left");
        if (g.Groups != 1)
            parts.Add($"{N(g.Groups)} groups");
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }

    public override void EmitInitialization(NodeEmitContext context)
    {
        var (fanIn, fanOut) = Fans(Geometry(context.InputShape(0)));
        WeightInitialization.Emit(context, Initializer, "weight", fanIn, fanOut, HasBias);
    }

    public override void EmitForward(NodeEmitContext context)
    {
        ConvGeometry g = Geometry(context.InputShape(0));
        ConvolutionAlgorithm algorithm = Algorithm(g);
        var w = context.Writer;
        w.Line($"// {IndexFormula(g)}");
        w.Line($"// Algorithm: {algorithm.Name}: {algorithm.Reason}.");
        string bias = HasBias ? context.Parameter("bias") : "default";
        string columns = algorithm.UsesColumns ? context.Buffer("Columns") + ", " : "";
        w.Line($"global::Precast.Kernels.{algorithm.Kernel}.Forward<{context.T}>({context.Input(0)}, {context.Parameter("weight")}, {bias}, {context.Output}, {columns}{context.Member("Geometry")}, batch);");
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        ConvGeometry g = Geometry(context.InputShape(0));
        ConvolutionAlgorithm algorithm = Algorithm(g);
        var w = context.Writer;
        string columns = algorithm.UsesColumns ? context.Buffer("BackwardColumns") + ", " : "";
        string kernel = $"global::Precast.Kernels.{algorithm.Kernel}";
        w.Line($"// dW += Σ_n dy ⋆ x (each filter tap against the inputs it read){(HasBias ? ", db[o] += Σ dy[n, o, ·]" : "")}");
        string dBias = HasBias ? context.ParameterGradient("bias") : "default";
        w.Line($"{kernel}.BackwardWeights<{context.T}>({context.Input(0)}, {context.OutputGradient}, {context.ParameterGradient("weight")}, {dBias}, {columns}{context.Member("Geometry")}, batch);");
        if (context.NeedsInputGradient(0))
        {
            w.Line($"// dx {(context.Accumulates(0) == "true" ? "+=" : "=")} the filters applied backwards: each input value gathers dy·W over every output that read it");
            w.Line($"{kernel}.BackwardData<{context.T}>({context.OutputGradient}, {context.Parameter("weight")}, {context.InputGradient(0)}, {columns}{context.Member("Geometry")}, batch, accumulate: {context.Accumulates(0)});");
        }
    }

    /// <summary>
    /// The formula with this layer's numbers, for the comment above the forward call:
    /// <c>y[n, o, i, j] = b[o] + Σ_{c&lt;6, u&lt;5, v&lt;5} W[o, c, u, v]·x[n, c, 2i + u, 2j + v]</c>.
    /// </summary>
    protected virtual string IndexFormula(ConvGeometry g)
    {
        // Only the sums that run over more than one value: a 1×1 kernel has no u and v, one input channel per group no c.
        var sums = new List<string>();
        if (g.GroupInChannels > 1)
            sums.Add($"c<{N(g.GroupInChannels)}");
        if (g.KernelHeight > 1)
            sums.Add($"u<{N(g.KernelHeight)}");
        if (g.KernelWidth > 1)
            sums.Add($"v<{N(g.KernelWidth)}");
        string c = g.GroupInChannels > 1 ? "c" : "0";
        string channel = g.Groups == 1 ? c
            : g.GroupInChannels == 1 ? Divided("o", g.GroupOutChannels)
            : $"{N(g.GroupInChannels)}·{Divided("o", g.GroupOutChannels)} + c";
        string u = g.KernelHeight > 1 ? "u" : "0", v = g.KernelWidth > 1 ? "v" : "0";
        string sum = sums.Count == 0 ? "" : $"Σ_{{{string.Join(", ", sums)}}} ";
        string bias = HasBias ? "b[o] + " : "";
        return OneDimensional
            ? $"y[n, o, t] = {bias}{sum}W[o, {c}, {v}]·x[n, {channel}, {Index("t", v, g.StrideWidth, g.PadLeft, g.DilationWidth)}]"
            : $"y[n, o, i, j] = {bias}{sum}W[o, {c}, {u}, {v}]·x[n, {channel}, {Index("i", u, g.StrideHeight, g.PadTop, g.DilationHeight)}, {Index("j", v, g.StrideWidth, g.PadLeft, g.DilationWidth)}]";
    }

    /// <summary>An input index as the window reads it: <c>2i − 1 + u</c> for stride 2, padding 1, dilation 1; no tap term for a tap fixed at 0.</summary>
    protected static string Index(string output, string tap, int stride, int pad, int dilation) =>
        $"{(stride == 1 ? "" : N(stride))}{output}{(pad == 0 ? "" : " − " + N(pad))}{(tap == "0" ? "" : $" + {(dilation == 1 ? "" : N(dilation))}{tap}")}";

    private static string Divided(string index, int by) => by == 1 ? index : $"({index} / {N(by)})";

    protected static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
