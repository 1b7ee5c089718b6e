using System.Numerics;

namespace Precast.Kernels;

/// <summary>An elementwise function of one value, in scalar and vector form, for <see cref="Elementwise"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IUnaryOperator<T>
{
    /// <summary>The function of one value.</summary>
    T Invoke(T x);

    /// <summary>The function of every lane; must agree with the scalar form.</summary>
    Vector<T> Invoke(Vector<T> x);
}
