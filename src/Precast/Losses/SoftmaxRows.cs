using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Losses;

/// <summary>
/// The row sums the softmax losses are made of, each accurate for rows of any length
/// (<see cref="TermSum"/>), each reading the row before anything is written, so a gradient may
/// overwrite the logits it is computed from. Rows are shifted by their maximum, so no exponential
/// overflows: <c>log softmax(x)_c = (x_c − max) − log Σ e^(x − max)</c>.
/// </summary>
internal static class SoftmaxRows
{
    /// <summary><c>S = Σ e^(x − max)</c> (at least 1); unless <paramref name="exponentials"/> is empty, also writes each <c>e^(x_c − max)</c> into it.</summary>
    public static double SumOfExp<T>(ReadOnlySpan<T> row, T max, Span<T> exponentials)
        where T : unmanaged, IFloatingPointIeee754<T>
        => TermSum.Sum(row, row, exponentials, T.One, new ShiftedExp<T>(max));

    /// <summary><c>Σ (x_c − max)</c>.</summary>
    public static double SumShifted<T>(ReadOnlySpan<T> row, T max)
        where T : unmanaged, IFloatingPointIeee754<T>
        => TermSum.Sum(row, row, [], T.One, new Shifted<T>(max));

    /// <summary><c>Σ t_c</c>.</summary>
    public static double Sum<T>(ReadOnlySpan<T> targets)
        where T : unmanaged, IFloatingPointIeee754<T>
        => TermSum.Sum(targets, targets, [], T.One, new Shifted<T>(T.Zero));

    /// <summary><c>Σ t_c·(x_c − max)</c>.</summary>
    public static double Dot<T>(ReadOnlySpan<T> targets, ReadOnlySpan<T> row, T max)
        where T : unmanaged, IFloatingPointIeee754<T>
        => TermSum.Sum(targets, row, [], T.One, new ShiftedProduct<T>(max));

    /// <summary><c>Σ t_c·log t_c</c>, a zero target contributing 0 (PyTorch's <c>xlogy(t, t)</c>); a negative one gives NaN.</summary>
    public static double SumOfXLogX<T>(ReadOnlySpan<T> targets)
        where T : unmanaged, IFloatingPointIeee754<T>
        => TermSum.Sum(targets, targets, [], T.One, default(XLogX<T>));

    /// <summary><c>e^(x − shift)</c>, its own derivative.</summary>
    private readonly struct ShiftedExp<T>(T shift) : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T unused, out T derivative) => derivative = T.Exp(x - shift);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> x, Vector<T> unused, out Vector<T> derivative) =>
            derivative = Kernels.VectorMath.Exp(x - Vector.Create(shift));
    }

    /// <summary><c>x − shift</c>.</summary>
    private readonly struct Shifted<T>(T shift) : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T unused, out T derivative)
        {
            derivative = T.One;
            return x - shift;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> x, Vector<T> unused, out Vector<T> derivative)
        {
            derivative = Vector<T>.One;
            return x - Vector.Create(shift);
        }
    }

    /// <summary><c>t·(x − shift)</c>.</summary>
    private readonly struct ShiftedProduct<T>(T shift) : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T t, T x, out T derivative)
        {
            derivative = x - shift;
            return t * derivative;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> t, Vector<T> x, out Vector<T> derivative)
        {
            derivative = x - Vector.Create(shift);
            return t * derivative;
        }
    }

    /// <summary><c>t·log t</c>, 0 at t = 0, and its derivative <c>log t + 1</c>.</summary>
    private readonly struct XLogX<T> : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T t, T unused, out T derivative)
        {
            T log = T.Log(t);
            derivative = log + T.One;
            return t == T.Zero ? T.Zero : t * log;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Invoke(Vector<T> t, Vector<T> unused, out Vector<T> derivative)
        {
            Vector<T> log = LossMath.Log(t);
            derivative = log + Vector<T>.One;
            // Where t is 0, t·log t is 0·(−∞) = NaN; those lanes take 0.
            return Vector.ConditionalSelect(Vector.Equals(t, Vector<T>.Zero), Vector<T>.Zero, t * log);
        }
    }
}
