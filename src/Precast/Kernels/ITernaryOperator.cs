using System.Numerics;

namespace Precast.Kernels;

/// <summary>An elementwise function of three values, in scalar and vector form, for <see cref="Elementwise"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface ITernaryOperator<T>
{
    /// <summary>The function of one triple of values.</summary>
    T Invoke(T a, T b, T c);

    /// <summary>The function of every triple of lanes; must agree with the scalar form.</summary>
    Vector<T> Invoke(Vector<T> a, Vector<T> b, Vector<T> c);
}
