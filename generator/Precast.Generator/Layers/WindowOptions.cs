using Microsoft.CodeAnalysis;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// The stride, dilation and padding of a convolution or pooling attribute (WindowAttribute and
/// ConvolutionAttribute in the runtime), as written: a per-axis value that is set wins over the
/// value for both axes, which wins over the layer's default. Null means "not set", which the
/// checks need: explicit padding cannot be combined with Padding.Same, and a 1-D layer has no height.
/// </summary>
internal sealed record WindowOptions(
    int? Stride, int? StrideHeight, int? StrideWidth,
    int? Dilation, int? DilationHeight, int? DilationWidth,
    int Padding, int? Pad, int? PadTop, int? PadBottom, int? PadLeft, int? PadRight)
{
    /// <summary>Padding.Valid in the runtime's enum.</summary>
    public const int Valid = 0;

    /// <summary>Padding.Same in the runtime's enum.</summary>
    public const int Same = 1;

    public static WindowOptions Read(AttributeData attribute) => new(
        AttributeReader.NamedOrNull<int>(attribute, "Stride"),
        AttributeReader.NamedOrNull<int>(attribute, "StrideHeight"),
        AttributeReader.NamedOrNull<int>(attribute, "StrideWidth"),
        AttributeReader.NamedOrNull<int>(attribute, "Dilation"),
        AttributeReader.NamedOrNull<int>(attribute, "DilationHeight"),
        AttributeReader.NamedOrNull<int>(attribute, "DilationWidth"),
        AttributeReader.Named(attribute, "Padding", Valid),
        AttributeReader.NamedOrNull<int>(attribute, "Pad"),
        AttributeReader.NamedOrNull<int>(attribute, "PadTop"),
        AttributeReader.NamedOrNull<int>(attribute, "PadBottom"),
        AttributeReader.NamedOrNull<int>(attribute, "PadLeft"),
        AttributeReader.NamedOrNull<int>(attribute, "PadRight"));

    /// <summary>
    /// Checks the settings and returns the windows along the height and the width (for a 1-D layer,
    /// the height is a window of one row), or null after reporting what is wrong.
    /// </summary>
    /// <param name="context">Where problems go.</param>
    /// <param name="height">Input rows (1 for a 1-D layer).</param>
    /// <param name="width">Input columns (the length of a 1-D layer).</param>
    /// <param name="kernelHeight">Window rows (1 for a 1-D layer).</param>
    /// <param name="kernelWidth">Window columns.</param>
    /// <param name="defaultStrideHeight">The stride when none is set: 1 for convolutions, the window for pooling.</param>
    /// <param name="defaultStrideWidth">The same along the width.</param>
    /// <param name="oneDimensional">Whether the layer slides along one axis: the height settings do not apply.</param>
    public (AxisWindow Height, AxisWindow Width)? Resolve(
        ShapeContext context, int height, int width, int kernelHeight, int kernelWidth,
        int defaultStrideHeight, int defaultStrideWidth, bool oneDimensional)
    {
        if (oneDimensional)
        {
            foreach (var (name, value) in new[] { ("StrideHeight", StrideHeight), ("DilationHeight", DilationHeight), ("PadTop", PadTop), ("PadBottom", PadBottom) })
            {
                if (value is { } set)
                    return Report(context.Invalid(name, set, "a 1-D layer slides along its length only; use the setting without Height, Top or Bottom"));
            }
        }
        int strideHeight = oneDimensional ? 1 : StrideHeight ?? Stride ?? defaultStrideHeight;
        int strideWidth = StrideWidth ?? Stride ?? defaultStrideWidth;
        int dilationHeight = oneDimensional ? 1 : DilationHeight ?? Dilation ?? 1;
        int dilationWidth = DilationWidth ?? Dilation ?? 1;
        foreach (var (name, value) in new[]
        {
            (StrideHeight is null ? "Stride" : "StrideHeight", strideHeight), (StrideWidth is null ? "Stride" : "StrideWidth", strideWidth),
            (DilationHeight is null ? "Dilation" : "DilationHeight", dilationHeight), (DilationWidth is null ? "Dilation" : "DilationWidth", dilationWidth),
        })
        {
            if (value < 1)
                return Report(context.Report(Diagnostics.Descriptors.NonPositiveSize, name, context.Display, value));
        }

        if (Padding is not (Valid or Same))
            return Report(context.Invalid("Padding", Padding, "it must be Padding.Valid or Padding.Same"));
        int? firstExplicit = Pad ?? PadTop ?? PadBottom ?? PadLeft ?? PadRight;
        if (Padding == Same && firstExplicit is { } pad)
        {
            string which = Pad is not null ? "Pad" : PadTop is not null ? "PadTop" : PadBottom is not null ? "PadBottom" : PadLeft is not null ? "PadLeft" : "PadRight";
            return Report(context.Invalid(which, pad, "Padding.Same works out the padding itself; remove one of the two"));
        }
        int top = oneDimensional ? 0 : PadTop ?? Pad ?? 0;
        int bottom = oneDimensional ? 0 : PadBottom ?? Pad ?? 0;
        int left = PadLeft ?? Pad ?? 0;
        int right = PadRight ?? Pad ?? 0;
        foreach (var (name, value) in new[]
        {
            (PadTop is null ? "Pad" : "PadTop", top), (PadBottom is null ? "Pad" : "PadBottom", bottom),
            (PadLeft is null ? "Pad" : "PadLeft", left), (PadRight is null ? "Pad" : "PadRight", right),
        })
        {
            if (value < 0)
                return Report(context.Invalid(name, value, "padding adds zeros and must be 0 or more"));
        }

        string widthName = oneDimensional ? "length" : "width";
        string widthUnit = oneDimensional ? "positions" : "columns";
        if (Padding == Same)
        {
            return (AxisWindow.Same("height", "rows", height, kernelHeight, strideHeight, dilationHeight),
                    AxisWindow.Same(widthName, widthUnit, width, kernelWidth, strideWidth, dilationWidth));
        }
        return (new AxisWindow("height", "rows", height, kernelHeight, strideHeight, dilationHeight, top, bottom),
                new AxisWindow(widthName, widthUnit, width, kernelWidth, strideWidth, dilationWidth, left, right));
    }

    /// <summary>Lets a check <c>return Report(context.Invalid(...))</c>: the report is made, the result is null.</summary>
    private static (AxisWindow, AxisWindow)? Report(Shape? reported) => null;
}
