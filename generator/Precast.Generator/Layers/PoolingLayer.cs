using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// What MaxPool2D, AvgPool2D and MaxPool1D share: the window settings (the stride defaults to the
/// window, as in PyTorch and Keras), the shape rule, and the geometry emitted as a static field
/// (<c>s_pool1Geometry</c>, a <c>Precast.Kernels.Pool2DGeometry</c>) that both passes pass to the kernel.
/// A 1-D pooling is the 2-D one with height 1.
/// </summary>
internal abstract record PoolingLayer(string Name, SourceSpan? Location, int WindowHeight, int WindowWidth, WindowOptions Window)
    : LayerSpec(Name, Location)
{
    /// <summary>Slides along a [channels, length] sample's length only.</summary>
    protected virtual bool OneDimensional => false;

    /// <summary>The kernel class: MaxPool2D or AvgPool2D.</summary>
    protected abstract string KernelClass { get; }

    /// <summary>The attribute's size arguments, each checked to be at least 1: the window's height and width.</summary>
    protected virtual IEnumerable<(string Name, int Value)> Sizes => [("Height", WindowHeight), ("Width", WindowWidth)];

    public override IEnumerable<string> MemberSuffixes => ["Geometry"];

    /// <summary>The window of a 2-D pooling attribute: <c>[X(size)]</c> is square, <c>[X(height, width)]</c> is not.</summary>
    protected static (int Height, int Width) ReadWindow(AttributeData attribute)
    {
        int height = AttributeReader.Constructor(attribute, 0, 0);
        return (height, attribute.ConstructorArguments.Length > 1 ? AttributeReader.Constructor(attribute, 1, 0) : height);
    }

    protected string WindowText => OneDimensional ? N(WindowWidth) : $"{N(WindowHeight)}×{N(WindowWidth)}";

    protected sealed override Shape? InferShape(Shape input, ShapeContext context)
    {
        int rank = OneDimensional ? 2 : 3;
        if (!(OneDimensional ? RankHint.RequireSequence(input, context, null) : RankHint.RequireImage(input, context, null)))
            return null;
        foreach (var (name, value) in Sizes)
        {
            if (value < 1)
                return context.Report(Descriptors.NonPositiveSize, name, context.Display, value);
        }
        if (TryWindows(input, context) is not var (rows, columns))
            return null;
        return OneDimensional ? new Shape([input[0], (int)columns.Output]) : new Shape([input[0], (int)rows.Output, (int)columns.Output]);
    }

    private (AxisWindow Rows, AxisWindow Columns)? TryWindows(Shape input, ShapeContext context)
    {
        int height = OneDimensional ? 1 : input[1];
        if (Window.Resolve(context, height, input[input.Rank - 1], WindowHeight, WindowWidth, WindowHeight, WindowWidth, OneDimensional) is not var (rows, columns))
            return null;
        foreach (AxisWindow axis in new[] { rows, columns })
        {
            // A window over padding alone has no value to pool (PyTorch asks for padding of at most half the window).
            if (axis.PadBefore >= axis.Kernel || axis.PadAfter >= axis.Kernel)
            {
                int pad = System.Math.Max(axis.PadBefore, axis.PadAfter);
                context.Invalid("Pad", pad, $"a window of {N(axis.Kernel)} {axis.Unit} would cover padding alone; padding must be less than the window");
                return null;
            }
            if (!axis.Check(context, input, "window"))
                return null;
        }
        return (rows, columns);
    }

    /// <summary>The windows of a layer whose shape rule passed.</summary>
    protected (AxisWindow Rows, AxisWindow Columns) Windows(Shape input) =>
        TryWindows(input, new ShapeContext(Kind, ["the input"], null, Precision.Single, []))
        ?? throw new System.InvalidOperationException($"{Kind} '{Name}' has no windows for {input}.");

    public override void EmitMembers(NodeEmitContext context)
    {
        Shape input = context.InputShape(0);
        var (rows, columns) = Windows(input);
        string stride = rows.Stride == rows.Kernel && columns.Stride == columns.Kernel ? "" : OneDimensional ? $", stride {N(columns.Stride)}" : $", stride {N(rows.Stride)}×{N(columns.Stride)}";
        string pad = rows.PadBefore + rows.PadAfter + columns.PadBefore + columns.PadAfter == 0 ? ""
            : OneDimensional ? $", padding {N(columns.PadBefore)} before, {N(columns.PadAfter)} after"
            : $", padding {N(rows.PadBefore)} top, {N(rows.PadAfter)} bottom, {N(columns.PadBefore)} left, {N(columns.PadAfter)} right";
        var w = context.Writer;
        w.Line($"// {context.Display}: {input} → {context.OutputShape}, {WindowText} window{stride}{pad}");
        w.Line($"private static readonly global::Precast.Kernels.Pool2DGeometry {context.Member("Geometry")} = new(");
        int height = OneDimensional ? 1 : input[1];
        w.Line($"    Channels: {N(input[0])}, InHeight: {N(height)}, InWidth: {N(input[input.Rank - 1])}, OutHeight: {N(rows.Output)}, OutWidth: {N(columns.Output)},");
        w.Line($"    WindowHeight: {N(rows.Kernel)}, WindowWidth: {N(columns.Kernel)}, StrideHeight: {N(rows.Stride)}, StrideWidth: {N(columns.Stride)}, PadTop: {N(rows.PadBefore)}, PadLeft: {N(columns.PadBefore)});");
    }

    public override void EmitForward(NodeEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.{KernelClass}.Forward<{context.T}>({context.Input(0)}, {context.Output}, {context.Member("Geometry")}, batch);");

    /// <summary>The backward step of a max pooling: the gradient goes to each window's first maximum, found again in the input.</summary>
    protected static void EmitMaxBackward(NodeEmitContext context)
    {
        var w = context.Writer;
        w.Line($"// dx[window's first maximum] {(context.Accumulates(0) == "true" ? "+=" : "=")} dy; every other dx of the window gets nothing from it");
        w.Line($"global::Precast.Kernels.MaxPool2D.Backward<{context.T}>({context.Input(0)}, {context.OutputGradient}, {context.InputGradient(0)}, {context.Member("Geometry")}, batch, accumulate: {context.Accumulates(0)});");
    }

    protected static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
