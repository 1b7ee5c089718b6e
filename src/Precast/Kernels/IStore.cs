using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Kernels;

/// <summary>
/// How a kernel's loop puts a result into its destination: <see cref="Overwrite{T}"/> writes it,
/// <see cref="Accumulate{T}"/> adds it to what the destination holds (a gradient summed over the
/// consumers of a tensor), <see cref="Discard{T}"/> drops it (an output nobody needs, which may be
/// empty). The store is a struct type argument, so each choice compiles to its own loop with no
/// branch inside: accumulating costs one more load per vector, not a second pass over memory.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IStore<T>
    where T : unmanaged, INumberBase<T>
{
    /// <summary>Puts <paramref name="value"/> into the element <paramref name="index"/> after <paramref name="origin"/>.</summary>
    static abstract void Store(T value, ref T origin, nuint index);

    /// <summary>Puts every lane of <paramref name="value"/> into the elements from <paramref name="index"/> after <paramref name="origin"/> on.</summary>
    static abstract void Store(Vector<T> value, ref T origin, nuint index);
}

/// <summary><c>destination = value</c>.</summary>
internal readonly struct Overwrite<T> : IStore<T>
    where T : unmanaged, INumberBase<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T origin, nuint index) => Unsafe.Add(ref origin, index) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T origin, nuint index) => value.StoreUnsafe(ref origin, index);
}

/// <summary><c>destination += value</c>.</summary>
internal readonly struct Accumulate<T> : IStore<T>
    where T : unmanaged, INumberBase<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T origin, nuint index) => Unsafe.Add(ref origin, index) += value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T origin, nuint index)
        => (Vector.LoadUnsafe(ref origin, index) + value).StoreUnsafe(ref origin, index);
}

/// <summary>Writes nothing: the destination may be an empty span.</summary>
internal readonly struct Discard<T> : IStore<T>
    where T : unmanaged, INumberBase<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T origin, nuint index)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T origin, nuint index)
    {
    }
}
