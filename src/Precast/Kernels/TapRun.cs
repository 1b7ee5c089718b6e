namespace Precast.Kernels;

/// <summary>
/// The taps of one kernel axis that reach inside the input for one output position, as an arithmetic
/// run: tap <c>Tap + t·TapStep</c> reads input position <c>Source + t·SourceStep</c>, for
/// <c>t &lt; Count</c>. Forward, output position p reads <c>p·stride − pad + tap·dilation</c>; in the
/// adjoint (a data gradient, or a transposed convolution) output position p is an input position of
/// the convolution and receives from the convolution's output position <c>(p + pad − tap·dilation) / stride</c>
/// where that division is exact.
/// </summary>
internal readonly record struct TapRun(int Tap, int TapStep, int Count, int Source, int SourceStep)
{
    /// <summary>The taps of output position <paramref name="position"/> reading an input of <paramref name="inSize"/> positions.</summary>
    public static TapRun Create(int position, int stride, int pad, int dilation, int kernel, int inSize, bool adjoint)
        => adjoint ? Adjoint(position, stride, pad, dilation, kernel, inSize) : Forward(position, stride, pad, dilation, kernel, inSize);

    private static TapRun Forward(int position, int stride, int pad, int dilation, int kernel, int inSize)
    {
        // p·stride − pad + tap·dilation ∈ [0, inSize).
        long start = (long)position * stride - pad;
        long first = Math.Max(0, CeilingDivide(-start, dilation));
        long end = Math.Min(kernel, FloorDivide(inSize - 1 - start, dilation) + 1);
        return end <= first ? default : new TapRun((int)first, 1, (int)(end - first), (int)(start + first * dilation), dilation);
    }

    private static TapRun Adjoint(int position, int stride, int pad, int dilation, int kernel, int inSize)
    {
        // q − tap·dilation = o·stride with 0 ≤ o < inSize, where q = p + pad.
        long q = (long)position + pad;
        long first = Math.Max(0, CeilingDivide(q - (inSize - 1L) * stride, dilation));
        long last = Math.Min(kernel - 1, FloorDivide(q, dilation));
        while (first <= last && (q - first * dilation) % stride != 0)
            first++;
        if (first > last)
            return default;
        int divisor = (int)GreatestCommonDivisor(dilation, stride);
        int tapStep = stride / divisor;
        int count = (int)((last - first) / tapStep + 1);
        return new TapRun((int)first, tapStep, count, (int)((q - first * dilation) / stride), -(dilation / divisor));
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    private static long FloorDivide(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilingDivide(long a, long b) => -FloorDivide(-a, b);
}
