using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Precast.Kernels;

/// <summary>
/// <see cref="MaxPool2D"/> for its most common geometry, 2×2 windows at stride 2 with no padding and
/// no window clipped (LeNet's and most networks' pooling, which halves each side): every window is
/// two values of two adjacent rows, so the loops read them in place without clipping a window or
/// slicing a span per output. The general walk (<see cref="Pool2DGeometry.ForEachWindow{TVisitor}"/>)
/// spends several times the comparisons' cost on that bookkeeping.
/// </summary>
/// <remarks>
/// Same results as the general kernels to the bit: the forward value is the IEEE maximum of the
/// four values (associative and commutative, NaN-propagating, <c>+0</c> above <c>−0</c>, so the
/// order of the comparisons does not matter); the backward winner is the first of the four, in
/// row-major order, equal to that maximum (<c>−0 == +0</c>), or with a NaN maximum the general
/// <see cref="MaxPool2D.Winner{T}"/> (the last NaN).
/// </remarks>
internal static class MaxPoolHalving
{
    /// <summary>Whether <paramref name="geometry"/> is 2×2 windows at stride 2, unpadded, none of them clipped.</summary>
    public static bool Applies(in Pool2DGeometry geometry) =>
        geometry is { WindowHeight: 2, WindowWidth: 2, StrideHeight: 2, StrideWidth: 2, PadTop: 0, PadLeft: 0 }
        && 2 * geometry.OutHeight <= geometry.InHeight && 2 * geometry.OutWidth <= geometry.InWidth;

    /// <summary><c>y[n, c, i, j] = max(x[2i, 2j], x[2i, 2j+1], x[2i+1, 2j], x[2i+1, 2j+1])</c> of each map.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, in Pool2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = geometry.InWidth, outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        nint plane = (nint)geometry.InHeight * width;
        ref T input = ref MemoryMarshal.GetReference(x);
        ref T output = ref MemoryMarshal.GetReference(y);
        for (nint p = 0; p < (nint)batch * geometry.Channels; p++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                ref T top = ref Unsafe.Add(ref input, p * plane + 2 * i * width);
                ref T bottom = ref Unsafe.Add(ref top, width);
                int j = 0;
                if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
                {
                    j = FourAtATime(ref Unsafe.As<T, float>(ref top), ref Unsafe.As<T, float>(ref bottom), ref Unsafe.As<T, float>(ref output), outWidth);
                    output = ref Unsafe.Add(ref output, j);
                }
                for (; j < outWidth; j++)
                {
                    T upper = T.Max(Unsafe.Add(ref top, 2 * j), Unsafe.Add(ref top, 2 * j + 1));
                    T lower = T.Max(Unsafe.Add(ref bottom, 2 * j), Unsafe.Add(ref bottom, 2 * j + 1));
                    output = T.Max(upper, lower);
                    output = ref Unsafe.Add(ref output, 1);
                }
            }
        }
    }

    /// <summary>Lanes 0, 2, 4, 6 into the lower half and 1, 3, 5, 7 into the upper: a row's even (left) and odd (right) columns of four windows.</summary>
    private static Vector256<int> EvensThenOdds => Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);

    /// <summary>The inverse of <see cref="EvensThenOdds"/>: the halves' lanes back into column order.</summary>
    private static Vector256<int> Interleave => Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);

    /// <summary>
    /// The first outputs of a row, four at a time (as many as fit): the larger of each column's two
    /// rows for eight columns, then the even and odd columns gathered into the two halves
    /// (one permute) and their larger; <see cref="Vector256.Max{T}"/> is the IEEE maximum as
    /// <see cref="float.Max"/> is. Reads columns up to 2·(outputs written), within the input.
    /// </summary>
    /// <returns>The outputs written.</returns>
    private static int FourAtATime(ref float top, ref float bottom, ref float output, int outWidth)
    {
        int j = 0;
        for (; j + 4 <= outWidth; j += 4)
        {
            Vector256<float> columns = Vector256.Max(Vector256.LoadUnsafe(ref top, (nuint)(2 * j)), Vector256.LoadUnsafe(ref bottom, (nuint)(2 * j)));
            Vector256<float> split = Vector256.Shuffle(columns, EvensThenOdds);
            Vector128.Max(split.GetLower(), split.GetUpper()).StoreUnsafe(ref output, (nuint)j);
        }
        return j;
    }

    /// <summary>
    /// The first windows of a row, four at a time (as many as fit), routed as the scalar loop routes
    /// them: each window's maximum as <see cref="FourAtATime"/> finds it, then its gradient to the
    /// first of the four positions equal to it, by masks. A group holding a NaN maximum is left to the
    /// scalar loop, which finds the last NaN; the group and everything after it in the row are.
    /// </summary>
    /// <returns>The windows routed.</returns>
    private static int RouteFourAtATime(ref float top, ref float bottom, ref float dy, ref float dx, int width, int outWidth)
    {
        Vector128<float> negativeZero = Vector128.Create(-0f);
        int j = 0;
        for (; j + 4 <= outWidth; j += 4)
        {
            Vector256<float> upper = Vector256.Shuffle(Vector256.LoadUnsafe(ref top, (nuint)(2 * j)), EvensThenOdds);
            Vector256<float> lower = Vector256.Shuffle(Vector256.LoadUnsafe(ref bottom, (nuint)(2 * j)), EvensThenOdds);
            Vector128<float> a = upper.GetLower(), b = upper.GetUpper(), c = lower.GetLower(), d = lower.GetUpper();
            Vector128<float> max = Vector128.Max(Vector128.Max(a, b), Vector128.Max(c, d));
            if (!Vector128.EqualsAll(max, max))
                break;
            Vector128<float> g = Vector128.LoadUnsafe(ref dy, (nuint)j);
            // Each window's gradient goes to its first position equal to the maximum; one always is.
            Vector128<float> toA = Vector128.Equals(a, max);
            Vector128<float> toB = Vector128.AndNot(Vector128.Equals(b, max), toA);
            Vector128<float> taken = toA | toB;
            Vector128<float> toC = Vector128.AndNot(Vector128.Equals(c, max), taken);
            Vector128<float> toD = ~(taken | toC);
            // The other positions get −0, which leaves every value as it was (a +0 would turn a −0 into +0).
            Vector256<float> topGradient = Vector256.Shuffle(
                Vector256.Create(Vector128.ConditionalSelect(toA, g, negativeZero), Vector128.ConditionalSelect(toB, g, negativeZero)), Interleave);
            Vector256<float> bottomGradient = Vector256.Shuffle(
                Vector256.Create(Vector128.ConditionalSelect(toC, g, negativeZero), Vector128.ConditionalSelect(toD, g, negativeZero)), Interleave);
            ref float dxTop = ref Unsafe.Add(ref dx, 2 * j);
            ref float dxBottom = ref Unsafe.Add(ref dxTop, width);
            (Vector256.LoadUnsafe(ref dxTop) + topGradient).StoreUnsafe(ref dxTop);
            (Vector256.LoadUnsafe(ref dxBottom) + bottomGradient).StoreUnsafe(ref dxBottom);
        }
        return j;
    }

    /// <summary><c>dx[winner] += dy[n, c, i, j]</c> for each window; <paramref name="dx"/> is cleared or accumulated by the caller.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, in Pool2DGeometry geometry, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = geometry.InWidth, outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        nint plane = (nint)geometry.InHeight * width;
        ref T input = ref MemoryMarshal.GetReference(x);
        ref T gradient = ref MemoryMarshal.GetReference(dx);
        ref T outputGradient = ref MemoryMarshal.GetReference(dy);
        for (nint p = 0; p < (nint)batch * geometry.Channels; p++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                nint row = p * plane + 2 * i * width;
                ref T top = ref Unsafe.Add(ref input, row);
                ref T bottom = ref Unsafe.Add(ref top, width);
                int j = 0;
                if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
                {
                    j = RouteFourAtATime(
                        ref Unsafe.As<T, float>(ref top), ref Unsafe.As<T, float>(ref bottom), ref Unsafe.As<T, float>(ref outputGradient),
                        ref Unsafe.As<T, float>(ref Unsafe.Add(ref gradient, row)), width, outWidth);
                    outputGradient = ref Unsafe.Add(ref outputGradient, j);
                }
                for (; j < outWidth; j++)
                {
                    T a = Unsafe.Add(ref top, 2 * j), b = Unsafe.Add(ref top, 2 * j + 1);
                    T c = Unsafe.Add(ref bottom, 2 * j), d = Unsafe.Add(ref bottom, 2 * j + 1);
                    T max = T.Max(T.Max(a, b), T.Max(c, d));
                    // The winner's offset from the window's top left, or with a NaN maximum (equal to
                    // none of the four) the general search for the last NaN, within the map.
                    nint winner = a == max ? row + 2 * j
                        : b == max ? row + 2 * j + 1
                        : c == max ? row + 2 * j + width
                        : d == max ? row + 2 * j + width + 1
                        : p * plane + MaxPool2D.Winner(x.Slice((int)(p * plane)), width, (2 * i, 2 * i + 2), (2 * j, 2 * j + 2), max);
                    Unsafe.Add(ref gradient, winner) += outputGradient;
                    outputGradient = ref Unsafe.Add(ref outputGradient, 1);
                }
            }
        }
    }
}
