using System.Diagnostics.CodeAnalysis;

namespace Precast.Kernels;

/// <summary>
/// Argument checks for the kernels and losses. The checks are inline comparisons; the throwing
/// (and the message formatting, which allocates) lives in separate methods so the hot paths stay
/// small and allocate nothing when the arguments are right. Every message names the method, the
/// argument, what it held and what was expected.
/// </summary>
internal static class KernelGuard
{
    /// <summary>Checks that a dimension is not negative.</summary>
    public static void Dimension(int value, string method, string name)
    {
        if (value < 0)
            ThrowNegative(value, method, name);
    }

    /// <summary>Checks that a dimension is at least one.</summary>
    public static void Positive(int value, string method, string name)
    {
        if (value < 1)
            ThrowNotPositive(value, method, name);
    }

    /// <summary>Checks that a span holds a <c>rows × cols</c> matrix.</summary>
    public static void Matrix(int length, int rows, int cols, string method, string argument, string rowsName, string colsName)
    {
        if (length != (long)rows * cols)
            ThrowMatrix(length, rows, cols, method, argument, rowsName, colsName);
    }

    /// <summary>Checks that a span holds a <c>d0 × d1 × d2</c> tensor.</summary>
    public static void Tensor(int length, int d0, int d1, int d2, string method, string argument, string d0Name, string d1Name, string d2Name)
    {
        long leading = (long)d0 * d1; // below 2^62, and times d2 only when it cannot overflow
        if (d2 == 0 ? length != 0 : leading > int.MaxValue || leading * d2 != length)
            ThrowTensor(length, d0, d1, d2, method, argument, d0Name, d1Name, d2Name);
    }

    /// <summary>Checks that a span holds a <c>d0 × d1 × d2 × d3</c> tensor (a batch of NCHW images, a convolution's weight).</summary>
    public static void Tensor(
        int length, int d0, int d1, int d2, int d3, string method, string argument, string d0Name, string d1Name, string d2Name, string d3Name)
    {
        if ((Int128)d0 * d1 * d2 * d3 != length)
            ThrowTensor(length, d0, d1, d2, d3, method, argument, d0Name, d1Name, d2Name, d3Name);
    }

    /// <summary>Checks that a scratch span has at least the length a planning function gives it.</summary>
    public static void AtLeast(int length, int expected, string method, string argument, string source)
    {
        if (length < expected)
            ThrowAtLeast(length, expected, method, argument, source);
    }

    /// <summary>Checks that an optional input or output is empty (absent) or has the length a dimension gives it.</summary>
    public static void LengthOrEmpty(int length, int expected, string method, string argument, string dimension)
    {
        if (length != 0 && length != expected)
            ThrowLengthOrEmpty(length, expected, method, argument, dimension);
    }

    /// <summary>Checks that the columns <c>[offset, offset + width)</c> lie inside rows of <c>total</c> columns.</summary>
    public static void Columns(int offset, int width, int total, string method, string offsetName, string widthName, string totalName)
    {
        if ((long)offset + width > total)
            ThrowColumns(offset, width, total, method, offsetName, widthName, totalName);
    }

    /// <summary>
    /// Checks a matrix stored with a leading dimension: that <paramref name="ld"/> (the distance
    /// between the starts of consecutive rows) is at least the row length <paramref name="cols"/>, and
    /// that the span reaches the last value of the last row, <c>(rows − 1)·ld + cols</c> values (any
    /// length when the matrix is empty).
    /// </summary>
    public static void StridedMatrix(
        int length, int rows, int cols, int ld, string method, string argument, string ldName, string rowsName, string colsName)
    {
        if (ld < cols)
            ThrowLeadingDimension(ld, cols, method, argument, ldName, colsName);
        if (rows > 0 && cols > 0 && length < (long)(rows - 1) * ld + cols)
            ThrowStridedMatrix(length, rows, cols, ld, method, argument, ldName, rowsName, colsName);
    }

    /// <summary>
    /// Checks that a span holds a <c>d0 × d1 × d2 × d3</c> tensor, such as <c>[batch, C, H, W]</c>; the
    /// last two may come from sums of sizes (a padded height), so they are taken as 64-bit values.
    /// </summary>
    /// <param name="length">The span's length.</param>
    /// <param name="d0">The first dimension.</param>
    /// <param name="d1">The second dimension.</param>
    /// <param name="d2">The third dimension.</param>
    /// <param name="d3">The fourth dimension.</param>
    /// <param name="method">The kernel, for the message.</param>
    /// <param name="argument">The span's parameter name.</param>
    /// <param name="names">The dimensions as the message should name them, such as <c>batch × channels × height × width</c>.</param>
    public static void Tensor4(int length, int d0, int d1, long d2, long d3, string method, string argument, string names)
    {
        if (length != (Int128)d0 * d1 * d2 * d3)
            ThrowTensor4(length, d0, d1, d2, d3, method, argument, names);
    }

    /// <summary>
    /// Checks one axis of a pooling window layout: window <c>o</c> covers the input positions
    /// <c>[o·stride − padBefore, o·stride − padBefore + window)</c>, and every one of the
    /// <paramref name="outSize"/> windows must hold at least one of the <paramref name="inSize"/> input
    /// positions, so that a maximum or an average exists. The windows move forward, so the first must
    /// end after position 0 (<c>padBefore &lt; window</c>) and the last start before the input ends.
    /// </summary>
    public static void PoolingAxis(
        int inSize, int outSize, int window, int stride, int padBefore,
        string method, string inName, string outName, string windowName, string strideName, string padName)
    {
        if (padBefore >= window)
            ThrowPaddedWindow(padBefore, window, method, windowName, padName);
        long lastStart = (long)(outSize - 1) * stride - padBefore;
        if (lastStart >= inSize)
            ThrowWindowPastInput(inSize, outSize, stride, padBefore, lastStart, method, inName, outName, strideName, padName);
    }

    /// <summary>Checks a scalar argument against a condition the caller evaluated, naming the expectation.</summary>
    /// <param name="valid">Whether the value is acceptable.</param>
    /// <param name="value">The value, for the message.</param>
    /// <param name="method">The kernel, for the message.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="expected">What was expected, such as <c>a probability in [0, 1)</c>.</param>
    public static void Scalar(bool valid, double value, string method, string name, string expected)
    {
        if (!valid)
            ThrowScalar(value, method, name, expected);
    }

    /// <summary>Checks that a span has the length a dimension gives it.</summary>
    public static void Length(int length, int expected, string method, string argument, string dimension)
    {
        if (length != expected)
            ThrowLength(length, expected, method, argument, dimension);
    }

    /// <summary>Checks that a span has the length of another argument.</summary>
    public static void SameLength(int length, int expected, string method, string argument, string reference)
    {
        if (length != expected)
            ThrowSameLength(length, expected, method, argument, reference);
    }

    /// <summary>Checks that an optional output is empty (not wanted) or as long as another argument.</summary>
    public static void SameLengthOrEmpty(int length, int expected, string method, string argument, string reference)
    {
        if (length != 0 && length != expected)
            ThrowSameLengthOrEmpty(length, expected, method, argument, reference);
    }

    /// <summary>Checks that a span has at least one value.</summary>
    public static void NotEmpty(int length, string method, string argument)
    {
        if (length == 0)
            ThrowEmpty(method, argument);
    }

    /// <summary>Checks a loss's gradient argument: empty (compute only the loss) or one value per input.</summary>
    public static void Gradient(int length, int expected, string method)
    {
        if (length != 0 && length != expected)
            ThrowGradient(length, expected, method);
    }

    /// <summary>
    /// Checks that an output matrix shares no value with an input matrix it is computed from. Each is
    /// <c>rows × cols</c> with rows <c>ld</c> apart (spans already checked to cover them). Two views
    /// with the same leading dimension may interleave without sharing a value, such as two column
    /// slices of one concatenation buffer; those are told apart exactly. Views with different leading
    /// dimensions must not overlap at all.
    /// </summary>
    public static void Separate<T>(
        ReadOnlySpan<T> output, int outputRows, int outputCols, int outputLd,
        ReadOnlySpan<T> input, int inputRows, int inputCols, int inputLd,
        string method, string outputName, string inputName)
    {
        if (output.Overlaps(input))
            SeparateViews(output, outputRows, outputCols, outputLd, input, inputRows, inputCols, inputLd, method, outputName, inputName);
    }

    /// <summary>Checks that an output does not share memory with an input it is computed from (both dense).</summary>
    public static void Separate<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> input, string method, string outputName, string inputName)
    {
        if (output.Overlaps(input))
            ThrowOverlap(method, outputName, inputName);
    }

    /// <summary>The exact check of the view overload of Separate once the spans are known to overlap.</summary>
    private static void SeparateViews<T>(
        ReadOnlySpan<T> output, int outputRows, int outputCols, int outputLd,
        ReadOnlySpan<T> input, int inputRows, int inputCols, int inputLd,
        string method, string outputName, string inputName)
    {
        if (outputRows == 0 || outputCols == 0 || inputRows == 0 || inputCols == 0)
            return;
        ReadOnlySpan<T> outputUsed = output[..((outputRows - 1) * outputLd + outputCols)];
        ReadOnlySpan<T> inputUsed = input[..((inputRows - 1) * inputLd + inputCols)];
        if (outputUsed.Overlaps(inputUsed, out int offset)
            && (outputLd != inputLd || ShareValue(offset, inputRows, inputCols, outputRows, outputCols, outputLd)))
            ThrowOverlap(method, outputName, inputName);
    }

    /// <summary>
    /// Checks that an output a call adds into (<c>accumulate: true</c>) does not share memory with an
    /// input: it holds the gradient summed so far, so the input would be overwritten or added to itself.
    /// </summary>
    public static void SeparateWhenAccumulating<T>(bool accumulate, ReadOnlySpan<T> output, ReadOnlySpan<T> input, string method, string outputName, string inputName)
    {
        if (accumulate && output.Overlaps(input))
            ThrowAccumulatingOverlap(method, outputName, inputName);
    }

    /// <summary>
    /// Whether an input [inputRows, inputCols] starting <paramref name="offset"/> values after an output
    /// [outputRows, outputCols], both with rows <paramref name="ld"/> apart, shares a value with it.
    /// </summary>
    private static bool ShareValue(long offset, int inputRows, int inputCols, int outputRows, int outputCols, int ld)
    {
        // With offset = q·ld + e (0 ≤ e < ld), input row r covers the output's grid row q + r from
        // column e, running over into grid row q + r + 1 from column 0 when e + inputCols > ld.
        long q = offset >= 0 ? offset / ld : -((-offset + ld - 1) / ld);
        long e = offset - q * ld;
        if (Meet(q, inputRows, 0, outputRows) && Meet(e, Math.Min(inputCols, ld - e), 0, outputCols))
            return true;
        long wrapped = e + inputCols - ld;
        return wrapped > 0 && Meet(q + 1, inputRows, 0, outputRows) && Meet(0, wrapped, 0, outputCols);
    }

    /// <summary>Whether the ranges [start1, start1 + count1) and [start2, start2 + count2) intersect.</summary>
    private static bool Meet(long start1, long count1, long start2, long count2)
        => start1 < start2 + count2 && start2 < start1 + count1;

    [DoesNotReturn]
    private static void ThrowNegative(int value, string method, string name)
        => throw new ArgumentOutOfRangeException(name, value, $"{method}: '{name}' is {value}; expected a size of 0 or more.");

    [DoesNotReturn]
    private static void ThrowNotPositive(int value, string method, string name)
        => throw new ArgumentOutOfRangeException(name, value, $"{method}: '{name}' is {value}; expected a size of 1 or more.");

    [DoesNotReturn]
    private static void ThrowMatrix(int length, int rows, int cols, string method, string argument, string rowsName, string colsName)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {(long)rows * cols} ({rowsName} × {colsName} = {rows} × {cols}).",
            argument);

    [DoesNotReturn]
    private static void ThrowTensor(int length, int d0, int d1, int d2, string method, string argument, string d0Name, string d1Name, string d2Name)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {(Int128)d0 * d1 * d2} ({d0Name} × {d1Name} × {d2Name} = {d0} × {d1} × {d2}).",
            argument);

    [DoesNotReturn]
    private static void ThrowTensor(
        int length, int d0, int d1, int d2, int d3, string method, string argument, string d0Name, string d1Name, string d2Name, string d3Name)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {(Int128)d0 * d1 * d2 * d3} " +
            $"({d0Name} × {d1Name} × {d2Name} × {d3Name} = {d0} × {d1} × {d2} × {d3}).",
            argument);

    [DoesNotReturn]
    private static void ThrowAtLeast(int length, int expected, string method, string argument, string source)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected at least {expected} ({source}).",
            argument);

    [DoesNotReturn]
    private static void ThrowLengthOrEmpty(int length, int expected, string method, string argument, string dimension)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {expected} ({dimension}), or none.",
            argument);

    [DoesNotReturn]
    private static void ThrowTensor4(int length, int d0, int d1, long d2, long d3, string method, string argument, string names)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {(Int128)d0 * d1 * d2 * d3} ({names} = {d0} × {d1} × {d2} × {d3}).",
            argument);

    [DoesNotReturn]
    private static void ThrowPaddedWindow(int padBefore, int window, string method, string windowName, string padName)
        => throw new ArgumentOutOfRangeException(
            "geometry", padBefore,
            $"{method}: '{padName}' is {padBefore}; expected less than '{windowName}' = {window}, so that the first window holds an input value.");

    [DoesNotReturn]
    private static void ThrowWindowPastInput(
        int inSize, int outSize, int stride, int padBefore, long lastStart, string method, string inName, string outName, string strideName, string padName)
        => throw new ArgumentOutOfRangeException(
            "geometry", outSize,
            $"{method}: the last of '{outName}' = {outSize} windows starts at ({outName} - 1) × {strideName} - {padName} = " +
            $"({outSize} - 1) × {stride} - {padBefore} = {lastStart}, past the last of '{inName}' = {inSize} input positions; " +
            "expected every window to hold an input value.");

    [DoesNotReturn]
    private static void ThrowScalar(double value, string method, string name, string expected)
        => throw new ArgumentOutOfRangeException(name, value, $"{method}: '{name}' is {value}; expected {expected}.");

    [DoesNotReturn]
    private static void ThrowColumns(int offset, int width, int total, string method, string offsetName, string widthName, string totalName)
        => throw new ArgumentOutOfRangeException(
            offsetName, offset,
            $"{method}: '{offsetName}' + '{widthName}' is {offset} + {width} = {(long)offset + width}; expected at most '{totalName}' = {total}.");

    [DoesNotReturn]
    private static void ThrowLeadingDimension(int ld, int cols, string method, string argument, string ldName, string colsName)
        => throw new ArgumentOutOfRangeException(
            ldName, ld, $"{method}: '{ldName}' is {ld}; expected at least {cols} ({colsName}, the length of a row of '{argument}').");

    [DoesNotReturn]
    private static void ThrowStridedMatrix(
        int length, int rows, int cols, int ld, string method, string argument, string ldName, string rowsName, string colsName)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected at least {(long)(rows - 1) * ld + cols} " +
            $"(({rowsName} - 1) × {ldName} + {colsName} = ({rows} - 1) × {ld} + {cols}).",
            argument);

    [DoesNotReturn]
    private static void ThrowLength(int length, int expected, string method, string argument, string dimension)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {expected} ({dimension}).",
            argument);

    [DoesNotReturn]
    private static void ThrowSameLength(int length, int expected, string method, string argument, string reference)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {expected}, the length of '{reference}'.",
            argument);

    [DoesNotReturn]
    private static void ThrowSameLengthOrEmpty(int length, int expected, string method, string argument, string reference)
        => throw new ArgumentException(
            $"{method}: '{argument}' has {length} values; expected {expected}, the length of '{reference}', or none to skip it.",
            argument);

    [DoesNotReturn]
    private static void ThrowEmpty(string method, string argument)
        => throw new ArgumentException($"{method}: '{argument}' is empty; expected at least one value.", argument);

    [DoesNotReturn]
    private static void ThrowGradient(int length, int expected, string method)
        => throw new ArgumentException(
            $"{method}: 'gradient' has {length} values; expected {expected} (one per input), or none to compute only the loss.",
            "gradient");

    [DoesNotReturn]
    private static void ThrowOverlap(string method, string outputName, string inputName)
        => throw new ArgumentException(
            $"{method}: '{outputName}' overlaps '{inputName}'; the output must be a separate buffer because '{inputName}' is read after '{outputName}' is written.",
            outputName);

    [DoesNotReturn]
    private static void ThrowAccumulatingOverlap(string method, string outputName, string inputName)
        => throw new ArgumentException(
            $"{method}: '{outputName}' overlaps '{inputName}' with accumulate: true; expected separate memory, because '{outputName}' holds the gradient summed so far and this call adds to it.",
            outputName);
}
