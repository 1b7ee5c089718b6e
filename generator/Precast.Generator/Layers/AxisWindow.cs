using System;
using System.Globalization;
using Precast.Generator.Diagnostics;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// A sliding window along one axis of a convolution or pooling: the input positions, the window's
/// taps, its stride, dilation and padding, and the output count PyTorch and Keras compute,
/// <c>⌊(in + before + after − dilation·(kernel − 1) − 1) / stride⌋ + 1</c>. Pure arithmetic in
/// longs, so absurd arguments give absurd numbers rather than overflow; the layer reports them.
/// </summary>
/// <param name="Name">The axis as messages name it: height, width, length.</param>
/// <param name="Unit">What its positions are called: rows, columns, positions.</param>
/// <param name="Input">Input positions.</param>
/// <param name="Kernel">Window taps.</param>
/// <param name="Stride">Input positions between consecutive windows.</param>
/// <param name="Dilation">Input positions between consecutive taps.</param>
/// <param name="PadBefore">Zeros before the input (top, left).</param>
/// <param name="PadAfter">Zeros after the input (bottom, right).</param>
internal readonly record struct AxisWindow(string Name, string Unit, int Input, int Kernel, int Stride, int Dilation, int PadBefore, int PadAfter)
{
    /// <summary>Input positions one window spans: <c>dilation·(kernel − 1) + 1</c>.</summary>
    public long Extent => (long)Dilation * (Kernel - 1) + 1;

    /// <summary>Positions of the padded input.</summary>
    public long Padded => (long)Input + PadBefore + PadAfter;

    /// <summary>Whether at least one window fits the padded input.</summary>
    public bool Fits => Padded >= Extent;

    /// <summary>Output positions; only meaningful when <see cref="Fits"/>.</summary>
    public long Output => (Padded - Extent) / Stride + 1;

    /// <summary>Positions of the input proper (not padding) after the last window: never read, since the windows stop before them.</summary>
    public long UnreadInput => Fits ? Math.Max(0, (Padded - Extent) % Stride - PadAfter) : 0;

    /// <summary>The output count as a formula over this axis's numbers: <c>(28 + 0 + 0 − 5)/2 + 1</c>.</summary>
    public string Arithmetic
    {
        get
        {
            string extent = Dilation == 1
                ? Text(Kernel)
                : $"{Text(Dilation)}·({Text(Kernel)} − 1) − 1";
            string stride = Stride == 1 ? "" : "/" + Text(Stride);
            string numerator = $"{Text(Input)} + {Text(PadBefore)} + {Text(PadAfter)} − {extent}";
            return Stride == 1 ? $"{numerator} + 1" : $"({numerator}){stride} + 1";
        }
    }

    /// <summary>The exact quotient of <see cref="Arithmetic"/>, fractional when the stride does not divide: 12.5.</summary>
    public string ExactOutput => ((double)(Padded - Extent) / Stride + 1).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// The window of Keras's <c>padding="same"</c> on <paramref name="input"/> positions:
    /// ⌈input / stride⌉ outputs, the total padding that needs split with the smaller half before.
    /// </summary>
    public static AxisWindow Same(string name, string unit, int input, int kernel, int stride, int dilation)
    {
        long outputs = ((long)input + stride - 1) / stride;
        long total = Math.Max((outputs - 1) * stride + (long)dilation * (kernel - 1) + 1 - input, 0);
        int before = (int)Math.Min(total / 2, int.MaxValue);
        int after = (int)Math.Min(total - total / 2, int.MaxValue);
        return new AxisWindow(name, unit, input, kernel, stride, dilation, before, after);
    }

    /// <summary>The output count, rounded down as PyTorch does, also when the window does not fit (then 0 or less).</summary>
    public long FlooredOutput => (long)Math.Floor((double)(Padded - Extent) / Stride) + 1;

    /// <summary>
    /// Checks that at least one window fits (PC0026, an error) and warns when the windows stop
    /// before the end of the input proper (PC0032): rows the layer never reads are usually a
    /// mistake in the sizes, not an intent. Returns false after an error.
    /// </summary>
    /// <param name="context">Where problems go.</param>
    /// <param name="input">The layer's input shape, for messages.</param>
    /// <param name="window">What slides: "kernel" or "window", for the fix.</param>
    public bool Check(ShapeContext context, Shape input, string window)
    {
        if (!Fits)
        {
            long missing = Extent - Padded;
            string fix = $"use a smaller {window}, or pad the input: Pad = {Text((missing + PadBefore + PadAfter + 1) / 2)} or Padding = Padding.Same";
            context.Report(Descriptors.WindowDoesNotFit, context.Display, Text(Extent), Unit, Name, input.ToString(), context.Producer,
                Text(Padded), Arithmetic, Text(FlooredOutput), fix);
            return false;
        }
        if (Output > Limits.MaxArrayLength)
        {
            context.Report(Descriptors.SizeTooLarge, $"The {Name} of {context.Display}'s output ({Arithmetic})", Output);
            return false;
        }
        if (UnreadInput > 0 && Extent >= Stride)
        {
            long more = Stride - (Padded - Extent) % Stride;
            string setting = Name == "height" ? "PadBottom" : "PadRight";
            string fix = $"pad {Text(more)} more ({setting} = {Text(PadAfter + more)}) or use Padding = Padding.Same if every {Unit.TrimEnd('s')} should count, or crop the input if dropping {(UnreadInput == 1 ? "it" : "them")} is intended";
            context.Diagnostics.Add(DiagnosticInfo.Create(Descriptors.WindowSkipsInput, context.Location,
                context.Display, Text(UnreadInput), UnreadInput == 1 ? Unit.TrimEnd('s') : Unit, input.ToString(), Name, Arithmetic, ExactOutput, Text(Stride), fix));
        }
        return true;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
