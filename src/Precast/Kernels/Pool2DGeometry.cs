namespace Precast.Kernels;

/// <summary>
/// The layout of a 2-D pooling over one sample's <c>[Channels, InHeight, InWidth]</c> feature maps
/// (NCHW, row-major), giving <c>[Channels, OutHeight, OutWidth]</c>. Output <c>(i, j)</c> of a channel
/// reads the window of input rows <c>[i·StrideHeight − PadTop, i·StrideHeight − PadTop + WindowHeight)</c>
/// and columns <c>[j·StrideWidth − PadLeft, j·StrideWidth − PadLeft + WindowWidth)</c>, clipped to the
/// input: positions outside it (the padding on any side) take no part in a maximum or an average.
/// </summary>
/// <remarks>
/// <para>
/// The padding after the input (bottom, right) is not a field: it is whatever the output size makes
/// the last windows reach past the input. So PyTorch's <c>floor((in + 2·pad − window) / stride) + 1</c>,
/// its <c>ceil_mode</c>, and Keras's <c>"valid"</c> (no padding, <c>floor((in − window) / stride) + 1</c>)
/// and <c>"same"</c> (<c>ceil(in / stride)</c> outputs, padding <c>max((out − 1)·stride + window − in, 0)</c>
/// split with the smaller half before) are all this record with the caller's output size.
/// </para>
/// <para>
/// The kernels check that every window holds at least one input position (<c>PadTop &lt; WindowHeight</c>,
/// and the last window starts inside the input; the same across), as PyTorch's rule <c>pad ≤ window / 2</c>
/// and Keras's layouts guarantee.
/// </para>
/// <para>
/// A 1-D pooling over <c>[Channels, Length]</c> is this with height 1, the same memory:
/// <see cref="OneDimensional"/>.
/// </para>
/// </remarks>
/// <param name="Channels">The number of channels (feature maps) per sample.</param>
/// <param name="InHeight">The rows of an input map.</param>
/// <param name="InWidth">The columns of an input map.</param>
/// <param name="OutHeight">The rows of an output map.</param>
/// <param name="OutWidth">The columns of an output map.</param>
/// <param name="WindowHeight">The rows of a window.</param>
/// <param name="WindowWidth">The columns of a window.</param>
/// <param name="StrideHeight">The rows between the starts of vertically adjacent windows.</param>
/// <param name="StrideWidth">The columns between the starts of horizontally adjacent windows.</param>
/// <param name="PadTop">The rows of padding before the input's first row.</param>
/// <param name="PadLeft">The columns of padding before the input's first column.</param>
public readonly record struct Pool2DGeometry(
    int Channels, int InHeight, int InWidth, int OutHeight, int OutWidth,
    int WindowHeight, int WindowWidth, int StrideHeight, int StrideWidth, int PadTop, int PadLeft)
{
    /// <summary>
    /// The layout of a 1-D pooling over <c>[channels, inLength]</c>, giving <c>[channels, outLength]</c>:
    /// a 2-D pooling of maps one row high with windows one row high, which reads and writes the same
    /// memory as the 1-D tensors.
    /// </summary>
    /// <param name="channels">The number of channels per sample.</param>
    /// <param name="inLength">The input positions per channel.</param>
    /// <param name="outLength">The output positions per channel.</param>
    /// <param name="window">The positions per window.</param>
    /// <param name="stride">The positions between the starts of adjacent windows.</param>
    /// <param name="padBefore">The positions of padding before the first input position.</param>
    public static Pool2DGeometry OneDimensional(int channels, int inLength, int outLength, int window, int stride, int padBefore)
        => new(channels, 1, inLength, 1, outLength, 1, window, 1, stride, 0, padBefore);

    /// <summary>Checks the geometry and the lengths of an input-shaped and an output-shaped span.</summary>
    internal void Validate(int batch, int inputLength, int outputLength, string method, string inputName, string outputName)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(Channels, method, nameof(Channels));
        KernelGuard.Positive(InHeight, method, nameof(InHeight));
        KernelGuard.Positive(InWidth, method, nameof(InWidth));
        KernelGuard.Positive(OutHeight, method, nameof(OutHeight));
        KernelGuard.Positive(OutWidth, method, nameof(OutWidth));
        KernelGuard.Positive(WindowHeight, method, nameof(WindowHeight));
        KernelGuard.Positive(WindowWidth, method, nameof(WindowWidth));
        KernelGuard.Positive(StrideHeight, method, nameof(StrideHeight));
        KernelGuard.Positive(StrideWidth, method, nameof(StrideWidth));
        KernelGuard.Dimension(PadTop, method, nameof(PadTop));
        KernelGuard.Dimension(PadLeft, method, nameof(PadLeft));
        KernelGuard.PoolingAxis(
            InHeight, OutHeight, WindowHeight, StrideHeight, PadTop,
            method, nameof(InHeight), nameof(OutHeight), nameof(WindowHeight), nameof(StrideHeight), nameof(PadTop));
        KernelGuard.PoolingAxis(
            InWidth, OutWidth, WindowWidth, StrideWidth, PadLeft,
            method, nameof(InWidth), nameof(OutWidth), nameof(WindowWidth), nameof(StrideWidth), nameof(PadLeft));
        KernelGuard.Tensor4(inputLength, batch, Channels, InHeight, InWidth, method, inputName, "batch × Channels × InHeight × InWidth");
        KernelGuard.Tensor4(outputLength, batch, Channels, OutHeight, OutWidth, method, outputName, "batch × Channels × OutHeight × OutWidth");
    }

    /// <summary>
    /// Calls <paramref name="visitor"/> once per output of the <paramref name="batch"/> samples, in
    /// memory order: with the output's index, the index of its input map's first value, and its
    /// window's rows and columns within that map, clipped to the input. The one loop over windows the
    /// pooling kernels share; the visitor is a struct type argument, so its call is inlined.
    /// </summary>
    internal void ForEachWindow<TVisitor>(int batch, scoped ref TVisitor visitor)
        where TVisitor : IPoolingWindowVisitor, allows ref struct
    {
        int inPlane = InHeight * InWidth;
        int output = 0;
        for (int p = 0; p < batch * Channels; p++)
        {
            for (int i = 0; i < OutHeight; i++)
            {
                var rows = Rows(i);
                for (int j = 0; j < OutWidth; j++)
                    visitor.Visit(output++, p * inPlane, rows, Columns(j));
            }
        }
    }

    /// <summary>The input rows <c>[start, end)</c> of the windows in output row <paramref name="i"/>, clipped to the input.</summary>
    internal (int Start, int End) Rows(int i) => Clip(i * StrideHeight - PadTop, WindowHeight, InHeight);

    /// <summary>The input columns <c>[start, end)</c> of the windows in output column <paramref name="j"/>, clipped to the input.</summary>
    internal (int Start, int End) Columns(int j) => Clip(j * StrideWidth - PadLeft, WindowWidth, InWidth);

    private static (int Start, int End) Clip(int start, int window, int size)
        => (Math.Max(start, 0), (int)Math.Min((long)start + window, size));
}

/// <summary>What a pooling kernel does with one window, for <see cref="Pool2DGeometry.ForEachWindow{TVisitor}"/>.</summary>
internal interface IPoolingWindowVisitor
{
    /// <summary>Handles output <paramref name="output"/>, whose window lies in the input map starting at <paramref name="plane"/>.</summary>
    void Visit(int output, int plane, (int Start, int End) rows, (int Start, int End) columns);
}
