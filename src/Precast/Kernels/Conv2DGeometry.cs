using System.Diagnostics.CodeAnalysis;

namespace Precast.Kernels;

/// <summary>
/// The shape of a 2-D convolution, for one sample: every convolution kernel takes one. Tensors are
/// NCHW row-major per sample: the input <c>x [batch, InChannels, InHeight, InWidth]</c>, the output
/// <c>y [batch, OutChannels, OutHeight, OutWidth]</c>, the weight
/// <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c> (PyTorch's layout) and the
/// bias <c>[OutChannels]</c>. A 1-D convolution is the same with height 1 (InHeight = OutHeight =
/// KernelHeight = 1, PadTop = 0).
/// </summary>
/// <remarks>
/// <para>
/// With <c>Cg = InChannels / Groups</c> and <c>Og = OutChannels / Groups</c>, output channel o reads
/// the input channels of its group <c>g = o / Og</c>:
/// <c>y[n, o, i, j] = bias[o] + Σ_{c &lt; Cg} Σ_{u &lt; KernelHeight} Σ_{v &lt; KernelWidth}
/// weight[o, c, u, v] · x[n, g·Cg + c, i·StrideHeight − PadTop + u·DilationHeight, j·StrideWidth − PadLeft + v·DilationWidth]</c>,
/// where x is zero outside the input (the padding).
/// </para>
/// <para>
/// Only the top and left padding are stored: the bottom and right padding follow from the output
/// size (<see cref="PadBottom"/>, <see cref="PadRight"/>), so asymmetric padding, such as
/// Keras's and TensorFlow's "same" (the top and left get ⌊total / 2⌋, the bottom and right the rest),
/// needs nothing more. <see cref="Create"/> and <see cref="Same"/> compute the output size the way
/// PyTorch and Keras do; <see cref="ForTransposed"/> builds the geometry of a transposed convolution.
/// </para>
/// </remarks>
/// <param name="InChannels">Input channels, a multiple of <paramref name="Groups"/>.</param>
/// <param name="InHeight">Input rows.</param>
/// <param name="InWidth">Input columns.</param>
/// <param name="OutChannels">Output channels, a multiple of <paramref name="Groups"/>.</param>
/// <param name="OutHeight">Output rows.</param>
/// <param name="OutWidth">Output columns.</param>
/// <param name="KernelHeight">Kernel rows.</param>
/// <param name="KernelWidth">Kernel columns.</param>
/// <param name="StrideHeight">Input rows between consecutive output rows.</param>
/// <param name="StrideWidth">Input columns between consecutive output columns.</param>
/// <param name="PadTop">Zero rows added above the input.</param>
/// <param name="PadLeft">Zero columns added left of the input.</param>
/// <param name="DilationHeight">Input rows between consecutive kernel rows (1: adjacent).</param>
/// <param name="DilationWidth">Input columns between consecutive kernel columns (1: adjacent).</param>
/// <param name="Groups">Channel groups: 1 for a full convolution, InChannels for a depthwise one.</param>
public readonly record struct Conv2DGeometry(
    int InChannels, int InHeight, int InWidth,
    int OutChannels, int OutHeight, int OutWidth,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft,
    int DilationHeight, int DilationWidth,
    int Groups)
{
    /// <summary>Input channels per group, <c>InChannels / Groups</c>.</summary>
    public int GroupInChannels => InChannels / Groups;

    /// <summary>Output channels per group, <c>OutChannels / Groups</c>.</summary>
    public int GroupOutChannels => OutChannels / Groups;

    /// <summary>
    /// The zero rows implied below the input: <c>(OutHeight − 1)·StrideHeight + DilationHeight·(KernelHeight − 1) + 1 − InHeight − PadTop</c>.
    /// Negative when the last rows of the input are never read (fewer than a stride of them, as
    /// PyTorch's rounding down leaves).
    /// </summary>
    public int PadBottom => (int)ImpliedPadding(OutHeight, StrideHeight, KernelHeight, DilationHeight, InHeight, PadTop);

    /// <summary>The zero columns implied right of the input, as <see cref="PadBottom"/>.</summary>
    public int PadRight => (int)ImpliedPadding(OutWidth, StrideWidth, KernelWidth, DilationWidth, InWidth, PadLeft);

    /// <summary>Values of one sample's input, <c>InChannels·InHeight·InWidth</c>.</summary>
    public int InputLength => InChannels * InHeight * InWidth;

    /// <summary>Values of one sample's output, <c>OutChannels·OutHeight·OutWidth</c>.</summary>
    public int OutputLength => OutChannels * OutHeight * OutWidth;

    /// <summary>Values of the weight, <c>OutChannels·(InChannels / Groups)·KernelHeight·KernelWidth</c>.</summary>
    public int WeightLength => OutChannels * GroupInChannels * KernelHeight * KernelWidth;

    /// <summary>
    /// The geometry of a convolution as PyTorch's <c>Conv2d</c> and Keras's <c>Conv2D</c> with explicit
    /// padding compute it: <c>OutHeight = ⌊(InHeight + padTop + padBottom − DilationHeight·(KernelHeight − 1) − 1) / StrideHeight⌋ + 1</c>,
    /// and the same for the width. PyTorch's <c>padding=p</c> is <c>padTop = padBottom = p</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The arguments make no valid geometry (see <see cref="Validate()"/>), or the window does not fit the padded input.</exception>
    public static Conv2DGeometry Create(
        int inChannels, int inHeight, int inWidth, int outChannels, int kernelHeight, int kernelWidth,
        int strideHeight = 1, int strideWidth = 1, int padTop = 0, int padBottom = 0, int padLeft = 0, int padRight = 0,
        int dilationHeight = 1, int dilationWidth = 1, int groups = 1)
    {
        const string method = "Conv2DGeometry.Create";
        KernelGuard.Dimension(padBottom, method, nameof(padBottom));
        KernelGuard.Dimension(padRight, method, nameof(padRight));
        KernelGuard.Positive(kernelHeight, method, nameof(kernelHeight));
        KernelGuard.Positive(kernelWidth, method, nameof(kernelWidth));
        KernelGuard.Positive(strideHeight, method, nameof(strideHeight));
        KernelGuard.Positive(strideWidth, method, nameof(strideWidth));
        KernelGuard.Positive(dilationHeight, method, nameof(dilationHeight));
        KernelGuard.Positive(dilationWidth, method, nameof(dilationWidth));
        int outHeight = WindowCount(inHeight, padTop, padBottom, kernelHeight, dilationHeight, strideHeight, method, nameof(inHeight));
        int outWidth = WindowCount(inWidth, padLeft, padRight, kernelWidth, dilationWidth, strideWidth, method, nameof(inWidth));
        var geometry = new Conv2DGeometry(
            inChannels, inHeight, inWidth, outChannels, outHeight, outWidth, kernelHeight, kernelWidth,
            strideHeight, strideWidth, padTop, padLeft, dilationHeight, dilationWidth, groups);
        geometry.Validate(method);
        return geometry;
    }

    /// <summary>
    /// The geometry of Keras's and TensorFlow's <c>padding="same"</c> (PyTorch's <c>padding="same"</c>
    /// at stride 1): <c>OutHeight = ⌈InHeight / StrideHeight⌉</c>, total padding
    /// <c>max((OutHeight − 1)·StrideHeight + DilationHeight·(KernelHeight − 1) + 1 − InHeight, 0)</c>, of which
    /// the top gets ⌊total / 2⌋ and the bottom the rest (one more when the total is odd); the same for
    /// the width.
    /// </summary>
    /// <exception cref="ArgumentException">The arguments make no valid geometry (see <see cref="Validate()"/>).</exception>
    public static Conv2DGeometry Same(
        int inChannels, int inHeight, int inWidth, int outChannels, int kernelHeight, int kernelWidth,
        int strideHeight = 1, int strideWidth = 1, int dilationHeight = 1, int dilationWidth = 1, int groups = 1)
    {
        const string method = "Conv2DGeometry.Same";
        KernelGuard.Positive(inHeight, method, nameof(inHeight));
        KernelGuard.Positive(inWidth, method, nameof(inWidth));
        KernelGuard.Positive(strideHeight, method, nameof(strideHeight));
        KernelGuard.Positive(strideWidth, method, nameof(strideWidth));
        int outHeight = (int)(((long)inHeight + strideHeight - 1) / strideHeight);
        int outWidth = (int)(((long)inWidth + strideWidth - 1) / strideWidth);
        long totalHeight = Math.Max(ImpliedPadding(outHeight, strideHeight, kernelHeight, dilationHeight, inHeight, 0), 0);
        long totalWidth = Math.Max(ImpliedPadding(outWidth, strideWidth, kernelWidth, dilationWidth, inWidth, 0), 0);
        var geometry = new Conv2DGeometry(
            inChannels, inHeight, inWidth, outChannels, outHeight, outWidth, kernelHeight, kernelWidth,
            strideHeight, strideWidth, (int)Math.Min(totalHeight / 2, int.MaxValue), (int)Math.Min(totalWidth / 2, int.MaxValue),
            dilationHeight, dilationWidth, groups);
        geometry.Validate(method);
        return geometry;
    }

    /// <summary>
    /// The geometry a <see cref="TransposedConvolution"/> takes for PyTorch's
    /// <c>ConvTranspose2d(inChannels, outChannels, kernel, stride, padding, output_padding, groups, dilation)</c>
    /// on an input <c>[inChannels, inHeight, inWidth]</c>: the convolution it transposes, which maps the
    /// transposed layer's output back to its input. So the result's <see cref="InChannels"/>,
    /// <see cref="InHeight"/> and <see cref="InWidth"/> are the transposed layer's <em>output</em>
    /// (<paramref name="outChannels"/> and
    /// <c>(inHeight − 1)·strideHeight − 2·paddingHeight + dilationHeight·(kernelHeight − 1) + outputPaddingHeight + 1</c> rows),
    /// its <see cref="OutChannels"/>, <see cref="OutHeight"/> and <see cref="OutWidth"/> the
    /// transposed layer's input, and its padding <c>PadTop = paddingHeight</c> (the implied
    /// <see cref="PadBottom"/> is <c>paddingHeight − outputPaddingHeight</c>). The weight
    /// <c>[inChannels, outChannels / groups, kernelHeight, kernelWidth]</c> of ConvTranspose2d is then
    /// exactly this geometry's weight <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The arguments make no valid geometry, or an output padding is not below its stride or its
    /// dilation (PyTorch's rule).
    /// </exception>
    public static Conv2DGeometry ForTransposed(
        int inChannels, int inHeight, int inWidth, int outChannels, int kernelHeight, int kernelWidth,
        int strideHeight = 1, int strideWidth = 1, int paddingHeight = 0, int paddingWidth = 0,
        int outputPaddingHeight = 0, int outputPaddingWidth = 0, int dilationHeight = 1, int dilationWidth = 1, int groups = 1)
    {
        const string method = "Conv2DGeometry.ForTransposed";
        KernelGuard.Dimension(outputPaddingHeight, method, nameof(outputPaddingHeight));
        KernelGuard.Dimension(outputPaddingWidth, method, nameof(outputPaddingWidth));
        KernelGuard.Positive(inHeight, method, nameof(inHeight));
        KernelGuard.Positive(inWidth, method, nameof(inWidth));
        if (outputPaddingHeight >= Math.Max(strideHeight, dilationHeight))
            ThrowOutputPadding(method, nameof(outputPaddingHeight), outputPaddingHeight, strideHeight, dilationHeight);
        if (outputPaddingWidth >= Math.Max(strideWidth, dilationWidth))
            ThrowOutputPadding(method, nameof(outputPaddingWidth), outputPaddingWidth, strideWidth, dilationWidth);
        long outHeight = (inHeight - 1L) * strideHeight - 2L * paddingHeight + (long)dilationHeight * (kernelHeight - 1) + outputPaddingHeight + 1;
        long outWidth = (inWidth - 1L) * strideWidth - 2L * paddingWidth + (long)dilationWidth * (kernelWidth - 1) + outputPaddingWidth + 1;
        var geometry = new Conv2DGeometry(
            outChannels, (int)Math.Clamp(outHeight, int.MinValue, int.MaxValue), (int)Math.Clamp(outWidth, int.MinValue, int.MaxValue),
            inChannels, inHeight, inWidth, kernelHeight, kernelWidth,
            strideHeight, strideWidth, paddingHeight, paddingWidth, dilationHeight, dilationWidth, groups);
        geometry.Validate(method);
        return geometry;
    }

    /// <summary>
    /// Checks the geometry: every size, stride, dilation and the group count at least 1, the top and left
    /// padding at least 0, both channel counts multiples of <see cref="Groups"/>, the output size
    /// consistent with the input (the implied <see cref="PadBottom"/> and <see cref="PadRight"/> leave
    /// fewer unread input rows or columns than the larger of the stride and the dilation), and every
    /// tensor and the im2col buffer within <see cref="int.MaxValue"/> values.
    /// </summary>
    /// <exception cref="ArgumentException">A check fails; the message names the property, its value and what was expected.</exception>
    public void Validate() => Validate("Conv2DGeometry.Validate");

    /// <summary>The checks of <see cref="Validate()"/>, with messages naming <paramref name="method"/>.</summary>
    internal void Validate(string method)
    {
        if (!IsValid())
            ThrowInvalid(method);
    }

    /// <summary>Whether every check of <see cref="Validate()"/> passes; the throwing path says which fails.</summary>
    private bool IsValid()
        => InChannels >= 1 && InHeight >= 1 && InWidth >= 1 && OutChannels >= 1 && OutHeight >= 1 && OutWidth >= 1
           && KernelHeight >= 1 && KernelWidth >= 1 && StrideHeight >= 1 && StrideWidth >= 1
           && DilationHeight >= 1 && DilationWidth >= 1 && Groups >= 1 && PadTop >= 0 && PadLeft >= 0
           && InChannels % Groups == 0 && OutChannels % Groups == 0
           && ImpliedPadding(OutHeight, StrideHeight, KernelHeight, DilationHeight, InHeight, PadTop) >= 1 - Math.Max(StrideHeight, DilationHeight)
           && ImpliedPadding(OutWidth, StrideWidth, KernelWidth, DilationWidth, InWidth, PadLeft) >= 1 - Math.Max(StrideWidth, DilationWidth)
           && Fits(InChannels, InHeight, InWidth, 1) && Fits(OutChannels, OutHeight, OutWidth, 1)
           && Fits(OutChannels, InChannels / Groups, KernelHeight, KernelWidth)
           && Fits((long)(InChannels / Groups) * KernelHeight, KernelWidth, OutHeight, OutWidth);

    [DoesNotReturn]
    private void ThrowInvalid(string method)
    {
        (string name, int value)[] positive =
        [
            (nameof(InChannels), InChannels), (nameof(InHeight), InHeight), (nameof(InWidth), InWidth),
            (nameof(OutChannels), OutChannels), (nameof(OutHeight), OutHeight), (nameof(OutWidth), OutWidth),
            (nameof(KernelHeight), KernelHeight), (nameof(KernelWidth), KernelWidth),
            (nameof(StrideHeight), StrideHeight), (nameof(StrideWidth), StrideWidth),
            (nameof(DilationHeight), DilationHeight), (nameof(DilationWidth), DilationWidth), (nameof(Groups), Groups),
        ];
        foreach ((string name, int value) in positive)
        {
            if (value < 1)
                throw Invalid(method, name, value, "expected 1 or more");
        }
        if (PadTop < 0)
            throw Invalid(method, nameof(PadTop), PadTop, "expected 0 or more");
        if (PadLeft < 0)
            throw Invalid(method, nameof(PadLeft), PadLeft, "expected 0 or more");
        if (InChannels % Groups != 0 || OutChannels % Groups != 0)
            throw Invalid(method, nameof(Groups), Groups, $"expected a divisor of InChannels = {InChannels} and OutChannels = {OutChannels}");
        CheckOutputSize(method, nameof(OutHeight), OutHeight, InHeight, KernelHeight, StrideHeight, DilationHeight, PadTop, "InHeight", "KernelHeight", "StrideHeight", "DilationHeight", "PadTop");
        CheckOutputSize(method, nameof(OutWidth), OutWidth, InWidth, KernelWidth, StrideWidth, DilationWidth, PadLeft, "InWidth", "KernelWidth", "StrideWidth", "DilationWidth", "PadLeft");
        throw new ArgumentException(
            $"{method}: the geometry {this} needs more than {int.MaxValue} values for a sample's input (InChannels·InHeight·InWidth), " +
            "its output (OutChannels·OutHeight·OutWidth), the weight (OutChannels·InChannels/Groups·KernelHeight·KernelWidth) " +
            "or the im2col columns (InChannels/Groups·KernelHeight·KernelWidth·OutHeight·OutWidth); expected each within int.MaxValue.",
            "geometry");
    }

    /// <summary>Throws when the output size leaves too many input rows (or columns) unread.</summary>
    private static void CheckOutputSize(
        string method, string name, int outSize, int inSize, int kernel, int stride, int dilation, int pad,
        string inName, string kernelName, string strideName, string dilationName, string padName)
    {
        int unread = Math.Max(stride, dilation);
        if (ImpliedPadding(outSize, stride, kernel, dilation, inSize, pad) >= 1 - unread)
            return;
        // The least n with (n − 1)·stride + extent − in − pad ≥ 1 − unread.
        long extent = (long)dilation * (kernel - 1) + 1;
        long needed = inSize + pad - extent + 1 - unread;
        long least = 1 + (needed <= 0 ? 0 : (needed + stride - 1) / stride);
        throw Invalid(method, name, outSize,
            $"expected at least {least}: the windows ({strideName} {stride}, extent {dilationName}·({kernelName} − 1) + 1 = {extent}, from {padName} {pad}) " +
            $"must reach to fewer than max({strideName}, {dilationName}) = {unread} from the end of the {inName} {inSize} input");
    }

    private static ArgumentException Invalid(string method, string name, int value, string expectation)
        => new($"{method}: 'geometry.{name}' is {value}; {expectation}.", "geometry");

    [DoesNotReturn]
    private static void ThrowOutputPadding(string method, string name, int value, int stride, int dilation)
        => throw new ArgumentOutOfRangeException(
            name, value, $"{method}: '{name}' is {value}; expected less than the stride {stride} or the dilation {dilation}.");

    /// <summary><c>(outSize − 1)·stride + dilation·(kernel − 1) + 1 − inSize − pad</c>, in 64 bits.</summary>
    private static long ImpliedPadding(int outSize, int stride, int kernel, int dilation, int inSize, int pad)
        => (outSize - 1L) * stride + (long)dilation * (kernel - 1) + 1 - inSize - pad;

    /// <summary>Whether a product of sizes (each at least 1) stays within int.MaxValue.</summary>
    private static bool Fits(long a, long b, long c, long d)
    {
        long product = a * b; // both below 2^31
        if (product > int.MaxValue)
            return false;
        product *= c;
        if (product > int.MaxValue)
            return false;
        return product * d <= int.MaxValue;
    }

    /// <summary>The output size of <see cref="Create"/> (kernel, dilation and stride already checked positive), checking that the window fits the padded input.</summary>
    private static int WindowCount(int inSize, int padBefore, int padAfter, int kernel, int dilation, int stride, string method, string inName)
    {
        long padded = (long)inSize + padBefore + padAfter;
        long extent = (long)dilation * (kernel - 1) + 1;
        if (padded < extent)
            throw new ArgumentException(
                $"{method}: the padded input is {padded} ('{inName}' {inSize} + padding {padBefore} + {padAfter}); " +
                $"expected at least the kernel's extent {extent} (dilation·(kernel − 1) + 1).",
                inName);
        return (int)Math.Min((padded - extent) / stride + 1, int.MaxValue);
    }
}
