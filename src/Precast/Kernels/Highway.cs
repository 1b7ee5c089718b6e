using System.Numerics;
using System.Runtime.InteropServices;

namespace Precast.Kernels;

/// <summary>
/// The highway gate: a gate <c>t</c> in [0, 1] (usually a sigmoid) mixes a transform <c>h</c> with the
/// carried input <c>x</c>, elementwise: <c>y = h·t + x·(1 − t)</c>. All four tensors have one shape.
/// </summary>
public static class Highway
{
    /// <summary>
    /// <c>y = h·t + x·(1 − t)</c>, computed as <c>x + t·(h − x)</c>: one multiply, and <c>y = x</c>
    /// exactly where <c>t = 0</c>. <paramref name="y"/> may be any of the inputs itself.
    /// </summary>
    /// <param name="h">The transform.</param>
    /// <param name="t">The gate, as long as <paramref name="h"/>.</param>
    /// <param name="x">The carried input, as long as <paramref name="h"/>.</param>
    /// <param name="y">The outputs, as long as <paramref name="h"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward<T>(ReadOnlySpan<T> h, ReadOnlySpan<T> t, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Highway.Forward";
        KernelGuard.SameLength(t.Length, h.Length, method, nameof(t), nameof(h));
        KernelGuard.SameLength(x.Length, h.Length, method, nameof(x), nameof(h));
        KernelGuard.SameLength(y.Length, h.Length, method, nameof(y), nameof(h));
        Elementwise.Map(h, t, x, y, default(Mix<T>));
    }

    /// <summary>
    /// <c>dh = dy·t</c>, <c>dt = dy·(h − x)</c> and <c>dx = dy·(1 − t)</c>, each written or, with its
    /// accumulate flag, added; in one pass that reads every input once. Any output may be empty when
    /// its gradient is not needed; that work is skipped. Every element's inputs are read before its
    /// outputs are written, so an output that is not accumulated may be an input itself (for example
    /// <paramref name="dx"/> may be <paramref name="dy"/>); an accumulated one must not overlap any input.
    /// </summary>
    /// <param name="h">The forward transform.</param>
    /// <param name="t">The forward gate, as long as <paramref name="h"/>.</param>
    /// <param name="x">The forward carried input, as long as <paramref name="h"/>.</param>
    /// <param name="dy">The gradient with respect to the outputs, as long as <paramref name="h"/>.</param>
    /// <param name="dh">Receives the gradient with respect to <paramref name="h"/>: as long as <paramref name="h"/>, or empty to skip it.</param>
    /// <param name="dt">Receives the gradient with respect to <paramref name="t"/>: as long as <paramref name="h"/>, or empty to skip it.</param>
    /// <param name="dx">Receives the gradient with respect to <paramref name="x"/>: as long as <paramref name="h"/>, or empty to skip it.</param>
    /// <param name="accumulateDh">Whether to add to what <paramref name="dh"/> holds instead of overwriting it.</param>
    /// <param name="accumulateDt">Whether to add to what <paramref name="dt"/> holds instead of overwriting it.</param>
    /// <param name="accumulateDx">Whether to add to what <paramref name="dx"/> holds instead of overwriting it.</param>
    /// <exception cref="ArgumentException">The lengths differ, or an accumulated output overlaps an input.</exception>
    public static void Backward<T>(
        ReadOnlySpan<T> h, ReadOnlySpan<T> t, ReadOnlySpan<T> x, ReadOnlySpan<T> dy,
        Span<T> dh, Span<T> dt, Span<T> dx,
        bool accumulateDh, bool accumulateDt, bool accumulateDx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "Highway.Backward";
        KernelGuard.SameLength(t.Length, h.Length, method, nameof(t), nameof(h));
        KernelGuard.SameLength(x.Length, h.Length, method, nameof(x), nameof(h));
        KernelGuard.SameLength(dy.Length, h.Length, method, nameof(dy), nameof(h));
        var operands = new Operands<T>(h, t, x, dy, dh, dt, dx);
        operands.CheckOutput(dh, accumulateDh, nameof(dh));
        operands.CheckOutput(dt, accumulateDt, nameof(dt));
        operands.CheckOutput(dx, accumulateDx, nameof(dx));
        ChooseDh(operands, accumulateDh, accumulateDt, accumulateDx);
    }

    // Each output's store (Discard when empty, Accumulate, or Overwrite) becomes a type argument, one
    // output at a time, so every combination runs its own loop with no branch inside.

    private static void ChooseDh<T>(in Operands<T> o, bool accumulateDh, bool accumulateDt, bool accumulateDx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (o.Dh.IsEmpty)
            ChooseDt<T, Discard<T>>(o, accumulateDt, accumulateDx);
        else if (accumulateDh)
            ChooseDt<T, Accumulate<T>>(o, accumulateDt, accumulateDx);
        else
            ChooseDt<T, Overwrite<T>>(o, accumulateDt, accumulateDx);
    }

    private static void ChooseDt<T, TDh>(in Operands<T> o, bool accumulateDt, bool accumulateDx)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDh : struct, IStore<T>
    {
        if (o.Dt.IsEmpty)
            ChooseDx<T, TDh, Discard<T>>(o, accumulateDx);
        else if (accumulateDt)
            ChooseDx<T, TDh, Accumulate<T>>(o, accumulateDx);
        else
            ChooseDx<T, TDh, Overwrite<T>>(o, accumulateDx);
    }

    private static void ChooseDx<T, TDh, TDt>(in Operands<T> o, bool accumulateDx)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDh : struct, IStore<T>
        where TDt : struct, IStore<T>
    {
        if (o.Dx.IsEmpty)
            Backward<T, TDh, TDt, Discard<T>>(o);
        else if (accumulateDx)
            Backward<T, TDh, TDt, Accumulate<T>>(o);
        else
            Backward<T, TDh, TDt, Overwrite<T>>(o);
    }

    private static void Backward<T, TDh, TDt, TDx>(in Operands<T> o)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDh : struct, IStore<T>
        where TDt : struct, IStore<T>
        where TDx : struct, IStore<T>
    {
        ref T hRef = ref MemoryMarshal.GetReference(o.H);
        ref T tRef = ref MemoryMarshal.GetReference(o.T);
        ref T xRef = ref MemoryMarshal.GetReference(o.X);
        ref T dyRef = ref MemoryMarshal.GetReference(o.Dy);
        ref T dhRef = ref MemoryMarshal.GetReference(o.Dh);
        ref T dtRef = ref MemoryMarshal.GetReference(o.Dt);
        ref T dxRef = ref MemoryMarshal.GetReference(o.Dx);
        int length = o.H.Length;
        int i = 0;
        if (VectorMath.IsAccelerated<T>())
        {
            for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
            {
                // All four loads before any store, so an output may be an input's memory.
                Vector<T> h = Vector.LoadUnsafe(ref hRef, (nuint)i);
                Vector<T> t = Vector.LoadUnsafe(ref tRef, (nuint)i);
                Vector<T> x = Vector.LoadUnsafe(ref xRef, (nuint)i);
                Vector<T> dy = Vector.LoadUnsafe(ref dyRef, (nuint)i);
                TDh.Store(dy * t, ref dhRef, (nuint)i);
                TDt.Store(dy * (h - x), ref dtRef, (nuint)i);
                TDx.Store(dy * (Vector<T>.One - t), ref dxRef, (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            T h = o.H[i], t = o.T[i], x = o.X[i], dy = o.Dy[i];
            TDh.Store(dy * t, ref dhRef, (nuint)i);
            TDt.Store(dy * (h - x), ref dtRef, (nuint)i);
            TDx.Store(dy * (T.One - t), ref dxRef, (nuint)i);
        }
    }

    /// <summary>The backward pass's spans, passed down the type-argument choices as one.</summary>
    private readonly ref struct Operands<TValue>(
        ReadOnlySpan<TValue> h, ReadOnlySpan<TValue> t, ReadOnlySpan<TValue> x, ReadOnlySpan<TValue> dy,
        Span<TValue> dh, Span<TValue> dt, Span<TValue> dx)
    {
        public readonly ReadOnlySpan<TValue> H = h;
        public readonly ReadOnlySpan<TValue> T = t;
        public readonly ReadOnlySpan<TValue> X = x;
        public readonly ReadOnlySpan<TValue> Dy = dy;
        public readonly Span<TValue> Dh = dh;
        public readonly Span<TValue> Dt = dt;
        public readonly Span<TValue> Dx = dx;

        /// <summary>An output is empty or as long as the inputs, and when accumulated overlaps none of them.</summary>
        public void CheckOutput(ReadOnlySpan<TValue> output, bool accumulate, string name)
        {
            const string method = "Highway.Backward";
            KernelGuard.SameLengthOrEmpty(output.Length, H.Length, method, name, "h");
            KernelGuard.SeparateWhenAccumulating(accumulate, output, H, method, name, "h");
            KernelGuard.SeparateWhenAccumulating(accumulate, output, T, method, name, "t");
            KernelGuard.SeparateWhenAccumulating(accumulate, output, X, method, name, "x");
            KernelGuard.SeparateWhenAccumulating(accumulate, output, Dy, method, name, "dy");
        }
    }

    /// <summary><c>x + t·(h − x)</c>.</summary>
    private readonly struct Mix<T> : ITernaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T h, T t, T x) => x + t * (h - x);

        public Vector<T> Invoke(Vector<T> h, Vector<T> t, Vector<T> x) => x + t * (h - x);
    }
}
