using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Kernels;

/// <summary>
/// Writes or adds a gradient in one pass over memory, for the kernels built on TensorPrimitives:
/// each method overwrites its destination, or with <c>accumulate</c> adds to it (the destination is
/// then read and written in the same pass). Unchecked: callers check lengths and overlap. The
/// destination may be an input's memory only when not accumulating.
/// </summary>
internal static class Accumulation
{
    /// <summary><c>destination = value</c>, or <c>destination += value</c>.</summary>
    public static void Copy<T>(ReadOnlySpan<T> value, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate)
            TensorPrimitives.Add(destination, value, destination);
        else
            value.CopyTo(destination);
    }

    /// <summary><c>destination = a ⊙ b</c>, or <c>destination += a ⊙ b</c>.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate)
            TensorPrimitives.MultiplyAdd(a, b, destination, destination);
        else
            TensorPrimitives.Multiply(a, b, destination);
    }

    /// <summary><c>destination = a · b</c>, or <c>destination += a · b</c>, with <paramref name="b"/> a scalar.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, T b, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate)
            TensorPrimitives.MultiplyAdd(a, b, destination, destination);
        else
            TensorPrimitives.Multiply(a, b, destination);
    }
}
